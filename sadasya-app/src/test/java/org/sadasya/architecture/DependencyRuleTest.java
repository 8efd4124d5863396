package org.sadasya.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decision engine stays pure domain code (STYLE.md, buckpal's DependencyRuleTests): the rules
 * and their ports import neither Spring, nor JDBC, nor the web, nor the model runtime. Adapters in
 * the same package (named here) are the only exceptions.
 */
class DependencyRuleTest {

    static final Path DOMAIN = Path.of("src/main/java/org/sadasya/verification");
    static final Set<String> PURE = Set.of("DecideEnrollment", "RuleResult", "Decision", "Verdict", "Outcome",
            "ReasonCode", "EnrollmentCase", "FaceSelection", "GeoPoint", "DifferenceHash", "VerificationPolicy",
            "FaceAnalyzer", "MemberFaceIndex", "MemberRepository", "ImageFingerprints", "CaptureTimeReader",
            "LivenessRule", "ChallengeTickets", "CaptureChallenge", "TicketStatus");
    static final List<String> FORBIDDEN = List.of("import org.springframework", "import java.sql", "import javax.sql",
            "import jakarta", "import ai.onnxruntime", "import com.fasterxml", "import io.micrometer",
            "import org.sadasya.enrollment", "import org.sadasya.member", "import org.sadasya.web",
            "import org.sadasya.face.detect", "import org.sadasya.face.model");

    @Test
    void decisionEngine_importsNoFrameworkNoDatabaseNoRuntime() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String type : PURE) {
            Path file = DOMAIN.resolve(type + ".java");
            assertThat(file).exists();
            for (String line : Files.readAllLines(file)) {
                for (String bad : FORBIDDEN) {
                    if (line.startsWith(bad)) {
                        violations.add(type + ": " + line);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void workerReferenceCheck_isPureToo() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/sadasya/worker/ReferenceFaceCheck.java"));
        for (String bad : FORBIDDEN) {
            assertThat(source).doesNotContain(bad);
        }
    }
}
