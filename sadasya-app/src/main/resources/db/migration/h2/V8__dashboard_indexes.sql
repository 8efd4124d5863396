-- The dashboard's aggregates (dashboard.DashboardQueries): a subtree is a prefix of booth_path
-- (LIKE '/1/4/%'), then a receipt window; the other columns make the counts covered by the index.
-- PostgreSQL's version (postgresql/V8) adds pattern operator classes and partial indexes H2 has not.
CREATE INDEX enrollment_dashboard ON enrollment (booth_path, received_at, status, worker_id, decided_at);
