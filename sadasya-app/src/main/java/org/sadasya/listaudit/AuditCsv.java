package org.sadasya.listaudit;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.sadasya.listaudit.ListFindings.MemberFinding;

/** {@code audit.csv}: {@code member_id,flags,related_member_ids,details}, one row per member in list order. */
public final class AuditCsv {

    public static final String HEADER = "member_id,flags,related_member_ids,details";

    private AuditCsv() {}

    public static byte[] of(ListFindings findings) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (MemberFinding m : findings.members()) {
            out.append(field(m.row().memberId())).append(',')
                    .append(field(m.flags().stream().map(Enum::name).collect(Collectors.joining(";")))).append(',')
                    .append(field(String.join(";", m.related()))).append(',')
                    .append(field(String.join("; ", m.details()))).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 4180 quoting; a field starting with {@code = + - @} (or a tab/CR) gets a leading quote
     * mark so that a spreadsheet does not run it as a formula (the ids come from an untrusted list).
     */
    static String field(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
