package org.sadasya.face.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of image intake (Jazzer): whatever the bytes, intake either gives a
 * decoded image within the limits or refuses with an error code; any other exception, a hang or
 * running out of memory is a finding. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/.../ImageIntakeFuzzTestInputs} (seeds and every finding kept as a
 * regression); {@code .ci/run} fuzzes it for a minute, README "Reliability and security" says how
 * to run it longer.
 */
class ImageIntakeFuzzTest {
    private static final ImageIntake INTAKE = new ImageIntake(ImageLimits.DEFAULT, ImageIntake.JpegDecoding.STANDARD);

    @FuzzTest(maxDuration = "45s")
    void anyBytes_decodeWithinTheLimits_orAreRefusedWithACode(byte[] data) {
        try {
            DecodedImage d = INTAKE.decode(data);
            assertThat(d.image().width()).isPositive();
            assertThat((long) d.image().width() * d.image().height()).isLessThanOrEqualTo(ImageLimits.DEFAULT.maxPixels());
        } catch (ImageRejectedException refused) {
            assertThat(refused.code()).isNotNull();
        }
    }
}
