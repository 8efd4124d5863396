package org.sadasya.listaudit;

import java.util.Objects;

/**
 * One row of {@code members.csv} as written, every field a trimmed string ({@code ""} when empty).
 *
 * @param index   0-based position of the row among the list's data rows (the output order)
 * @param line    1-based line of the file where the row starts (for messages)
 * @param problem why the row could not be read (wrong column count), or {@code null}
 */
public record MemberRow(int index, int line, String memberId, String name, String mobile, String epic, String age,
        String gender, String boothCode, String workerId, String photo, String latitude, String longitude,
        String capturedAt, String problem) {

    /** The columns of {@code members.csv}, in order (issue #6). */
    public static final java.util.List<String> COLUMNS = java.util.List.of("member_id", "name", "mobile", "epic", "age",
            "gender", "booth_code", "worker_id", "photo", "latitude", "longitude", "captured_at");

    public MemberRow {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(photo, "photo");
    }

    public boolean readable() {
        return problem == null;
    }

    /** A row whose columns could not be read: only the member id (first field) and line are kept. */
    static MemberRow bad(int index, int line, String memberId, String problem) {
        return new MemberRow(index, line, memberId, "", "", "", "", "", "", "", "", "", "", "", problem);
    }
}
