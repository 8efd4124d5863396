-- The dashboard's aggregates (dashboard.DashboardQueries) select a subtree by the prefix of
-- booth_path (LIKE '/1/4/%') and a receipt window. varchar_pattern_ops lets a btree serve the
-- prefix whatever the database's collation; INCLUDE carries every column the counts read, so they
-- are index-only scans that never touch the wide rows (photos' JSON, evidence, responses).
CREATE INDEX enrollment_dashboard ON enrollment (booth_path varchar_pattern_ops, received_at)
    INCLUDE (status, worker_id, decided_at);
-- The review backlog: small, and read on every dashboard.
CREATE INDEX enrollment_backlog ON enrollment (booth_path varchar_pattern_ops, received_at) WHERE status = 'REVIEW';
-- The top rejection reasons read reasons_json of the rejected rows only.
CREATE INDEX enrollment_rejected ON enrollment (booth_path varchar_pattern_ops, received_at) WHERE status = 'REJECTED';
