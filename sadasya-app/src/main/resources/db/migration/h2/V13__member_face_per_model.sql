-- A member may have one face embedding per model: moving to a new embedding model writes the new
-- model's embedding beside the old one (sadasya reembed), and the service switches once every
-- member has it. H2 cannot drop a primary key whose index a foreign key uses: the table is copied.
CREATE TABLE member_face_per_model (
    member_id     BIGINT       NOT NULL REFERENCES member (id),
    embedding     BYTEA        NOT NULL,
    model_version VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    change_seq    BIGINT       NOT NULL,
    PRIMARY KEY (member_id, model_version)
);
INSERT INTO member_face_per_model (member_id, embedding, model_version, created_at, change_seq)
    SELECT member_id, embedding, model_version, created_at, change_seq FROM member_face;
DROP TABLE member_face;
ALTER TABLE member_face_per_model RENAME TO member_face;
CREATE UNIQUE INDEX member_face_change ON member_face (change_seq);
CREATE INDEX member_face_created ON member_face (created_at);
