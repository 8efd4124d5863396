-- A subtree is a prefix of unit_path (LIKE '/1/4/%'): varchar_pattern_ops lets the btree serve it
-- whatever the database's collation (as in V8).
CREATE INDEX enrollment_day_prefix ON enrollment_day (unit_path varchar_pattern_ops, ist_day);
CREATE INDEX enrollment_day_reason_prefix ON enrollment_day_reason (unit_path varchar_pattern_ops, ist_day);
