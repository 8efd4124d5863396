package org.sadasya.listaudit;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code members.csv}: RFC 4180 (comma separated, double quotes around fields that hold
 * commas, quotes or line breaks, {@code ""} for a quote), UTF-8 with or without a byte-order mark,
 * a header line naming the {@link MemberRow#COLUMNS} in any order. A data row with the wrong number
 * of fields becomes a {@link MemberRow#bad bad row}; it never stops the audit.
 */
public final class MemberList {

    private MemberList() {}

    /** The file is not a member list at all (empty, or its header lacks a column). */
    public static final class NotAMemberList extends RuntimeException {
        NotAMemberList(String message) {
            super(message);
        }
    }

    public static List<MemberRow> read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return parse(in);
        }
    }

    /** @throws NotAMemberList when the header lacks a required column */
    static List<MemberRow> parse(Reader in) throws IOException {
        RecordReader records = new RecordReader(in);
        List<String> header = records.next();
        if (header == null) {
            throw new NotAMemberList("members.csv is empty");
        }
        int[] position = new int[MemberRow.COLUMNS.size()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            names.add(i == 0 && h.startsWith("\uFEFF") ? h.substring(1) : h);
        }
        for (int c = 0; c < position.length; c++) {
            position[c] = names.indexOf(MemberRow.COLUMNS.get(c));
            if (position[c] < 0) {
                throw new NotAMemberList("members.csv has no column '" + MemberRow.COLUMNS.get(c)
                        + "' (expected " + String.join(",", MemberRow.COLUMNS) + ")");
            }
        }
        List<MemberRow> rows = new ArrayList<>();
        List<String> f;
        while (true) {
            int line = records.line();
            f = records.next();
            if (f == null) {
                break;
            }
            if (f.size() == 1 && f.get(0).isBlank()) {
                continue; // blank line
            }
            int index = rows.size();
            if (f.size() != header.size()) {
                String id = f.get(0).strip();
                rows.add(MemberRow.bad(index, line, id.isEmpty() ? "line-" + line : id,
                        "row has " + f.size() + " fields, the header " + header.size()));
                continue;
            }
            String[] v = new String[position.length];
            for (int c = 0; c < position.length; c++) {
                v[c] = f.get(position[c]).strip();
            }
            String id = v[0].isEmpty() ? "line-" + line : v[0];
            rows.add(new MemberRow(index, line, id, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                    v[0].isEmpty() ? "member_id is empty" : null));
        }
        return rows;
    }

    /** Splits the input into records of fields, following quotes across line breaks. */
    private static final class RecordReader {
        private final Reader in;
        private int line = 1;
        private int pushedBack = -2;

        RecordReader(Reader in) {
            this.in = in;
        }

        int line() {
            return line;
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            return in.read();
        }

        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        fields.add(field.toString()); // unterminated quote: take what there is
                        return fields;
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == -1 || c == '\n' || c == '\r') {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            pushedBack = d;
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    fields.add(field.toString());
                    return fields;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }
}
