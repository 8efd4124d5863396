-- audit_log is append-only: the database refuses UPDATE and DELETE (DESIGN.md: enforced, not by convention).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW CALL 'org.sadasya.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW CALL 'org.sadasya.audit.AppendOnlyTrigger';
