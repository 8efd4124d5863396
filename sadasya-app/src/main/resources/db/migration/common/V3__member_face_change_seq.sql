-- The face index's change number (sadasya-index README, "Catching up after a restart"). Every
-- member_face row gets the next value when it is written; the node's HNSW replica applies rows in
-- this order and stores the highest applied in its commit, so after a restart it replays only the
-- rows above that mark.
--
-- The value is drawn while the transaction holds member_issue_lock (JdbcMemberRepository.insert),
-- and that lock is held until commit: change numbers therefore become visible in increasing order,
-- and a reader that has seen number n can never later find a committed row below n. (An identity
-- column alone would not give that: two transactions can commit in the other order than they drew
-- their numbers.) Rolled-back transactions leave gaps, which are harmless.
CREATE SEQUENCE member_face_change_seq START WITH 1;
ALTER TABLE member_face ADD COLUMN change_seq BIGINT;
UPDATE member_face SET change_seq = nextval('member_face_change_seq');
ALTER TABLE member_face ALTER COLUMN change_seq SET NOT NULL;
CREATE UNIQUE INDEX member_face_change ON member_face (change_seq);
