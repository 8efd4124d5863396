package org.sadasya.testsupport;

/** Enrolment {@code data} parts for tests. */
public final class Submissions {
    private Submissions() {}

    public static String data(String submissionId, long boothId, String epic, String mobile) {
        return data(submissionId, boothId, epic, mobile, 23.2600, 77.4127);
    }

    public static String data(String submissionId, long boothId, String epic, String mobile, double lat, double lon) {
        return data(submissionId, boothId, epic, mobile, lat, lon, "2026-11-29T10:00:00Z", null);
    }

    /** With a {@code challenge} object (JSON, or null for a capture without a ticket) taken at {@code capturedAt}. */
    public static String data(String submissionId, long boothId, String epic, String mobile, String capturedAt,
            String challenge) {
        return data(submissionId, boothId, epic, mobile, 23.2600, 77.4127, capturedAt, challenge);
    }

    static String data(String submissionId, long boothId, String epic, String mobile, double lat, double lon,
            String capturedAt, String challenge) {
        return located(submissionId, boothId, epic, mobile, lat, lon, 8, capturedAt, challenge);
    }

    /** At a position with its GPS accuracy, taken at {@code capturedAt}, with a challenge or without (null). */
    public static String located(String submissionId, long boothId, String epic, String mobile, double lat, double lon,
            double accuracyMeters, String capturedAt, String challenge) {
        return """
                {"submissionId": "%s", "boothId": %d,
                 "member": {"name": "Sunita Devi", "nameHi": "सुनीता देवी", "mobile": "%s",
                            "epic": "%s", "age": 34, "gender": "F"},
                 "latitude": %s, "longitude": %s, "accuracyMeters": %s,
                 "capturedAt": "%s", "consent": true%s}
                """.formatted(submissionId, boothId, mobile, epic, lat, lon, accuracyMeters, capturedAt,
                challenge == null ? "" : ", \"challenge\": " + challenge);
    }

    /** Enough of a JPEG for the intake's format sniffing (the engine is not involved at intake). */
    /** A small real JPEG, different for each variant (no faces in it). */
    public static byte[] fakeJpeg(int variant) {
        return TinyJpegs.of(variant, null);
    }
}
