-- Erasure of a member's biometric data on request (erasure.EraseMemberBiometrics). A member face
-- is not deleted but turned into a tombstone: its embedding emptied, erased set, and a new change
-- number, so that every node's face index sees the change in its change feed and removes the
-- member (a deleted row would leave no trace for an index to catch up by).
ALTER TABLE member_face ADD COLUMN erased BOOLEAN DEFAULT FALSE NOT NULL;
-- When the member's photos, burst frames, embeddings and index entries were erased (null: never).
ALTER TABLE member ADD COLUMN biometrics_erased_at TIMESTAMP WITH TIME ZONE;
