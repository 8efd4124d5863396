-- The worker signals read every enrolment below a unit by booth path prefix (booth_path LIKE '/1/4/%'),
-- grouped by worker. text_pattern_ops lets PostgreSQL use the index for a LIKE prefix whatever the
-- database's collation; without it that is a scan of the whole state's enrolments.
CREATE INDEX enrollment_scope ON enrollment (booth_path text_pattern_ops, worker_id);
