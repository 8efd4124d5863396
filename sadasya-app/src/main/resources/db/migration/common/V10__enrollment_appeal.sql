-- When a rejected enrolment was last re-opened on appeal (null: never). The queue marks an
-- enrolment in REVIEW with it as an appeal; the decisions themselves are read from the audit log.
ALTER TABLE enrollment ADD COLUMN appealed_at TIMESTAMP WITH TIME ZONE;
