-- The audit log as a hash chain: each row carries the hash of the row before it and its own, so a
-- changed, deleted or re-ordered row breaks the chain (`sadasya audit-log verify`). Rows written
-- before this migration stay unchained. The head row is locked for each new entry, so entries are
-- chained one after another even when written by concurrent transactions.
ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN row_hash VARCHAR(64);

CREATE TABLE audit_chain_head (
    id        INT PRIMARY KEY,
    last_id   BIGINT,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_id, last_hash)
VALUES (1, NULL, '0000000000000000000000000000000000000000000000000000000000000000');
