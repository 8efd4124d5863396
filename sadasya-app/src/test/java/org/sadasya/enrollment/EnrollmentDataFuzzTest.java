package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing (Jazzer) of the enrolment's {@code data} part as intake reads it: any text
 * is either refused by the JSON reader (a 422 {@code FIELD_INVALID} at intake) or read, and then
 * validation answers with field errors or checked data, never with an exception. The reader is
 * configured as Spring Boot configures the service's (unknown properties ignored, Java time).
 */
class EnrollmentDataFuzzTest {
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @FuzzTest(maxDuration = "15s")
    void anyData_isRefusedByTheReader_orValidatedWithoutAnException(FuzzedDataProvider input) {
        String data = input.consumeRemainingAsString();
        EnrollmentData read;
        try {
            read = JSON.readValue(data, EnrollmentData.class);
        } catch (JsonProcessingException refused) {
            return;
        }
        if (read == null) {
            return; // "null": intake answers field.required
        }
        EnrollmentData.Checked checked = read.validate();
        assertThat(checked.ok() ? checked.data() : checked.errors()).isNotNull();
        if (!checked.ok()) {
            assertThat(checked.errors()).isNotEmpty();
            checked.errors().forEach(e -> assertThat(e.field()).isNotBlank());
        }
    }
}
