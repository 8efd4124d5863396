package org.sadasya.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.worker.ReferenceFaceCheck;

/**
 * The package structure as rules over the compiled classes (ArchUnit reads the bytecode, so
 * fully-qualified references and static calls count as much as imports do).
 *
 * <ul>
 *   <li>The feature packages depend on each other without cycles: from the kernel ({@code common})
 *       and the pure {@code decision} up through security, audit, the hierarchy, intake, workers,
 *       re-embedding and verification to {@code config}, which wires them.
 *   <li>{@code decision} (the use case, its rules and ports) is plain Java over the face library's
 *       value types: no framework, no database, no model runtime, no other feature.
 * </ul>
 */
class ArchitectureTest {

    static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.sadasya");
    }

    @Test
    void featurePackages_areFreeOfCycles() {
        slices().matching("org.sadasya.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void decisionPackage_dependsOnlyOnItselfAndTheFaceLibrarysValueTypes() {
        classes().that().resideInAPackage("org.sadasya.decision..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.sadasya.decision..",
                        "org.sadasya.face.challenge..", "org.sadasya.face.image..")
                        .or(resideInAPackage("org.sadasya.face").and(not(belongToAnyOf(FaceEngine.class))))
                        .or(belongToAnyOf(EmbeddingModel.class)))
                .check(production);
    }

    @Test
    void workerReferenceCheck_isPureToo() {
        classes().that().belongToAnyOf(ReferenceFaceCheck.class)
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.sadasya.decision..",
                        "org.sadasya.worker", "org.sadasya.face"))
                .check(production);
    }
}
