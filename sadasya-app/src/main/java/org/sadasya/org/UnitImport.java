package org.sadasya.org;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sadasya.security.Actor;

/**
 * Imports units (mostly booths: a state has tens of thousands) from a CSV with the header
 * {@code code,name,name_hi,parent_code,latitude,longitude,radius_m} and an optional {@code level}
 * (by default the level below the parent's). A parent may be an existing unit or a row of the same
 * file, in any order. Each row is created, found unchanged (so the same file can be sent again), or
 * refused with a reason; refusing one row never stops the others. Call it inside one transaction, so
 * that an import is all there or not at all.
 */
public final class UnitImport {

    public static final List<String> REQUIRED_COLUMNS =
            List.of("code", "name", "name_hi", "parent_code", "latitude", "longitude", "radius_m");
    public static final int MAX_ROWS = 100_000;

    /** Why a row was refused; the console says each in words. */
    public enum Reason {
        MISSING_FIELD, TOO_LONG, NOT_A_NUMBER, LATITUDE, LONGITUDE, RADIUS, LOCATION_REQUIRED, LEVEL_UNKNOWN,
        LEVEL_NOT_BELOW_PARENT, PARENT_UNKNOWN, PARENT_OUT_OF_SCOPE, PARENT_REFUSED, DUPLICATE_IN_FILE, CODE_TAKEN
    }

    public record Refusal(long line, String code, Reason reason, String field) {}

    public record Report(int rows, int created, int unchanged, List<Refusal> refused) {}

    /** The file's header lacks columns, or has too many rows: nothing is imported. */
    public static final class UnreadableFile extends Exception {
        private final List<String> missingColumns;

        UnreadableFile(String message, List<String> missingColumns) {
            super(message);
            this.missingColumns = missingColumns;
        }

        public List<String> missingColumns() {
            return missingColumns;
        }
    }

    private record Row(long line, String code, String name, String nameHi, String parentCode, OrgLevel level,
            Double latitude, Double longitude, Double radius) {}

    private final OrgUnitRepository units;

    public UnitImport(OrgUnitRepository units) {
        this.units = units;
    }

    public Report run(Actor actor, Reader csv) throws IOException, UnreadableFile {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        List<Refusal> refused = new ArrayList<>();
        Map<String, Row> rows = new LinkedHashMap<>();
        int count = 0;
        try (CSVParser parser = CSVParser.builder().setReader(csv).setFormat(format).get()) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new UnreadableFile("missing columns " + missing, missing);
            }
            for (CSVRecord record : parser) {
                if (++count > MAX_ROWS) {
                    throw new UnreadableFile("more than " + MAX_ROWS + " rows", List.of());
                }
                long line = parser.getCurrentLineNumber();
                Object parsed = parse(record, columns, line);
                if (parsed instanceof Refusal r) {
                    refused.add(r);
                } else {
                    Row row = (Row) parsed;
                    if (rows.containsKey(row.code())) {
                        refused.add(new Refusal(line, row.code(), Reason.DUPLICATE_IN_FILE, "code"));
                    } else {
                        rows.put(row.code(), row);
                    }
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV: a duplicate header, an unclosed quote
            throw new UnreadableFile(e.getMessage(), List.of());
        }
        var run = new Run(actor, rows, refused);
        for (Row row : rows.values()) {
            run.settle(row, new HashSet<>());
        }
        refused.sort(java.util.Comparator.comparingLong(Refusal::line));
        return new Report(count, run.created, run.unchanged, List.copyOf(refused));
    }

    /** Settles rows parents first; remembers what became of each code. */
    private final class Run {
        final Actor actor;
        final Map<String, Row> rows;
        final List<Refusal> refused;
        final Map<String, OrgUnit> settled = new HashMap<>();
        final Set<String> failed = new HashSet<>();
        int created;
        int unchanged;

        Run(Actor actor, Map<String, Row> rows, List<Refusal> refused) {
            this.actor = actor;
            this.rows = rows;
            this.refused = refused;
        }

        /** The unit this row stands for, or null when it is refused. */
        OrgUnit settle(Row row, Set<String> visiting) {
            if (settled.containsKey(row.code())) {
                return settled.get(row.code());
            }
            if (failed.contains(row.code())) {
                return null;
            }
            OrgUnit parent = null;
            Row parentRow = rows.get(row.parentCode());
            if (parentRow != null && visiting.add(row.code())) {
                parent = settle(parentRow, visiting);
                if (parent == null) {
                    return refuse(row, Reason.PARENT_REFUSED, "parent_code");
                }
            } else if (parentRow != null) {
                return refuse(row, Reason.PARENT_UNKNOWN, "parent_code"); // a cycle within the file
            } else {
                parent = units.findByCode(row.parentCode()).orElse(null);
                if (parent == null) {
                    return refuse(row, Reason.PARENT_UNKNOWN, "parent_code");
                }
            }
            if (!actor.covers(parent)) {
                return refuse(row, Reason.PARENT_OUT_OF_SCOPE, "parent_code");
            }
            OrgLevel level = row.level() != null ? row.level() : parent.level().child();
            if (level == null || level.ordinal() <= parent.level().ordinal()) {
                return refuse(row, Reason.LEVEL_NOT_BELOW_PARENT, row.level() != null ? "level" : "parent_code");
            }
            if (level == OrgLevel.BOOTH && (row.latitude() == null || row.radius() == null)) {
                return refuse(row, Reason.LOCATION_REQUIRED, row.latitude() == null ? "latitude" : "radius_m");
            }
            var existing = units.findByCode(row.code());
            if (existing.isPresent()) {
                if (!same(existing.get(), row, parent, level)) {
                    return refuse(row, Reason.CODE_TAKEN, "code");
                }
                unchanged++;
                settled.put(row.code(), existing.get());
                return existing.get();
            }
            OrgUnit unit = units.insert(parent, level, row.code(), row.name(), row.nameHi(), row.latitude(),
                    row.longitude(), row.radius());
            created++;
            settled.put(row.code(), unit);
            return unit;
        }

        private OrgUnit refuse(Row row, Reason reason, String field) {
            if (!failed.add(row.code())) {
                return null; // a row of a cycle, refused already
            }
            refused.add(new Refusal(row.line(), row.code(), reason, field));
            return null;
        }
    }

    private static boolean same(OrgUnit unit, Row row, OrgUnit parent, OrgLevel level) {
        return Objects.equals(unit.parentId(), parent.id()) && unit.level() == level && unit.name().equals(row.name())
                && Objects.equals(blankToNull(unit.nameHi()), row.nameHi())
                && Objects.equals(unit.latitude(), row.latitude()) && Objects.equals(unit.longitude(), row.longitude())
                && Objects.equals(unit.radiusMeters(), row.radius());
    }

    /** Header name (lower case, without a byte-order mark) → the header as written. */
    private static Map<String, String> columns(List<String> header) {
        Map<String, String> out = new HashMap<>();
        for (String h : header) {
            if (h != null) {
                out.put(h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), h);
            }
        }
        return out;
    }

    private static Object parse(CSVRecord record, Map<String, String> columns, long line) {
        String code = value(record, columns, "code");
        if (code == null) {
            return new Refusal(line, null, Reason.MISSING_FIELD, "code");
        }
        if (code.length() > 64) {
            return new Refusal(line, code.substring(0, 64), Reason.TOO_LONG, "code");
        }
        String name = value(record, columns, "name");
        String nameHi = value(record, columns, "name_hi");
        String parentCode = value(record, columns, "parent_code");
        for (var f : new String[][] {{"name", name}, {"parent_code", parentCode}}) {
            if (f[1] == null) {
                return new Refusal(line, code, Reason.MISSING_FIELD, f[0]);
            }
        }
        if (name.length() > 200 || (nameHi != null && nameHi.length() > 200)) {
            return new Refusal(line, code, Reason.TOO_LONG, name.length() > 200 ? "name" : "name_hi");
        }
        OrgLevel level = null;
        String levelText = value(record, columns, "level");
        if (levelText != null) {
            try {
                level = OrgLevel.valueOf(levelText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return new Refusal(line, code, Reason.LEVEL_UNKNOWN, "level");
            }
        }
        Double[] numbers = new Double[3];
        String[] fields = {"latitude", "longitude", "radius_m"};
        for (int i = 0; i < 3; i++) {
            String text = value(record, columns, fields[i]);
            if (text == null) {
                continue;
            }
            try {
                numbers[i] = Double.valueOf(text);
            } catch (NumberFormatException e) {
                return new Refusal(line, code, Reason.NOT_A_NUMBER, fields[i]);
            }
        }
        UnitRules.Problem problem = UnitRules.location(numbers[0], numbers[1], numbers[2]);
        if (problem != null) {
            Reason reason = switch (problem.messageKey()) {
                case "field.latitude" -> Reason.LATITUDE;
                case "field.longitude" -> Reason.LONGITUDE;
                case "field.radius" -> Reason.RADIUS;
                default -> Reason.MISSING_FIELD;
            };
            String field = problem.field().equals("radiusMeters") ? "radius_m" : problem.field();
            return new Refusal(line, code, reason, field);
        }
        return new Row(line, code, name, nameHi, parentCode, level, numbers[0], numbers[1], numbers[2]);
    }

    private static String value(CSVRecord record, Map<String, String> columns, String column) {
        String header = columns.get(column);
        if (header == null || !record.isSet(header)) {
            return null;
        }
        return blankToNull(record.get(header));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
