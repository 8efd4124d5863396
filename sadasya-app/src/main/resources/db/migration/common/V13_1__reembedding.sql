-- Each model's face index catches up on its own rows in change order.
CREATE INDEX member_face_model_change ON member_face (model_version, change_seq);

-- A worker's reference photo has one embedding per model, as a member's face does.
CREATE UNIQUE INDEX worker_face_photo_model ON worker_face (image_key, model_version);

-- A stored face that a new model could not describe (its photo shows no face to that model, or the
-- photo is gone): counted once, reported by sadasya reembed and the health endpoint, and not tried
-- again, so that one such face does not hold back the switch for everyone.
CREATE TABLE reembed_failure (
    subject       VARCHAR(8)    NOT NULL,
    subject_id    BIGINT        NOT NULL,
    model_version VARCHAR(100)  NOT NULL,
    reason        VARCHAR(200)  NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subject, subject_id, model_version)
);
