-- The embedding model member issuing has switched to (one row, written under member_issue_lock by
-- the node that switched): every node reads it under the same lock before issuing a member, so a
-- node still deciding with the old model adopts the new one instead of issuing with it.
CREATE TABLE face_model_switch (
    id            INT          PRIMARY KEY,
    model_version VARCHAR(100) NOT NULL,
    switched_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
