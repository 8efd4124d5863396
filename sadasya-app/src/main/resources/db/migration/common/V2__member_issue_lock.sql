-- One row that every transaction issuing a member id locks (SELECT … FOR UPDATE) before it checks
-- the member's face against the enrolled members a last time: two verifiers accepting the same
-- person at the same moment are serialised, and the second one sees the first one's member.
CREATE TABLE member_issue_lock (
    id INT PRIMARY KEY
);
INSERT INTO member_issue_lock (id) VALUES (1);
