package org.sadasya.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a query's rows as CSV while they are read: a JDBC cursor with a fetch size (PostgreSQL
 * streams only inside a transaction, hence the read-only one), each row printed and forgotten, so
 * a state's millions of rows never sit in memory. UTF-8 with a byte order mark, which Excel needs
 * to read Devanagari; every cell guarded against formula injection ({@link #guard}).
 */
public final class CsvStream {

    /** Rows per round trip to the database. */
    static final int FETCH_SIZE = 1000;

    /** One row's cells from the current result set row. */
    @FunctionalInterface
    public interface Row {
        List<String> cells(ResultSet rs) throws SQLException;
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public CsvStream(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public void write(OutputStream out, List<String> header, String sql, Object[] params, Row row) {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            w.write('\uFEFF');
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
            csv.printRecord(header);
            readOnly.executeWithoutResult(s -> jdbc.query(sql, rs -> {
                try {
                    csv.printRecord(guarded(row.cells(rs)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // the client went away: stop reading
                }
            }, params));
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> guarded(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String c : cells) {
            out.add(guard(c));
        }
        return out;
    }

    /**
     * A cell a spreadsheet would run as a formula ({@code = + - @}, or a leading tab or CR) gets a
     * leading apostrophe: names and notes are typed by field workers and reviewers, so untrusted.
     */
    static String guard(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
