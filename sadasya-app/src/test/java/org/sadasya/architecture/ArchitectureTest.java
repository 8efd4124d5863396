package org.sadasya.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
        freeOfCycles("org.sadasya").check(production);
    }

    @Test
    void decisionPackage_dependsOnlyOnItselfAndTheFaceLibrarysValueTypes() {
        pure("org.sadasya.decision").check(production);
    }

    /** The rules are not vacuous: on two packages that import each other, and reach for JDBC, both fail. */
    @Test
    void onACyclicFixture_bothRulesFail() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.sadasya.architecture.fixture");
        assertThatThrownBy(() -> freeOfCycles("org.sadasya.architecture.fixture").check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
        assertThatThrownBy(() -> pure("org.sadasya.architecture.fixture.beta").check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("java.sql.Connection");
    }

    private static ArchRule freeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Plain Java over itself and the face library's value types: no framework, database, model runtime or other feature. */
    private static ArchRule pure(String pkg) {
        return classes().that().resideInAPackage(pkg + "..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java.lang..", "java.util..", "java.time..", "java.nio..",
                        "java.io..", "java.math..", "java.security..", "java.net..", "java.text..", pkg + "..",
                        "org.sadasya.face.challenge..", "org.sadasya.face.image..")
                        .or(resideInAPackage("org.sadasya.face").and(not(belongToAnyOf(FaceEngine.class))))
                        .or(belongToAnyOf(EmbeddingModel.class)));
    }

    @Test
    void workerReferenceCheck_isPureToo() {
        classes().that().belongToAnyOf(ReferenceFaceCheck.class)
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.sadasya.decision..",
                        "org.sadasya.worker", "org.sadasya.face"))
                .check(production);
    }
}
