package org.sadasya.dashboard;

/**
 * How many enrolments were received ({@code submitted}, every status) and where they stand now.
 * The ones still being verified (RECEIVED, PROCESSING) are in {@code submitted} only.
 */
public record Counts(long submitted, long accepted, long rejected, long review) {

    public static final Counts NONE = new Counts(0, 0, 0, 0);

    /** The select list that computes the four numbers in one pass, in this order. */
    static final String SELECT = "COUNT(*),"
            + " SUM(CASE WHEN status = 'ACCEPTED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN status = 'REJECTED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN status = 'REVIEW' THEN 1 ELSE 0 END)";

    /** Reads the four numbers from the columns {@code first} to {@code first + 3}. */
    static Counts read(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        return new Counts(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3));
    }
}
