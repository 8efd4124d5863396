-- The worker signals read every enrolment below a unit by booth path prefix (booth_path LIKE '/1/4/%'),
-- grouped by worker: without an index that is a scan of the whole state's enrolments.
CREATE INDEX enrollment_scope ON enrollment (booth_path, worker_id);
