-- A member may have one face embedding per model: moving to a new embedding model writes the new
-- model's embedding beside the old one (sadasya reembed), and the service switches once every
-- member has it.
ALTER TABLE member_face DROP CONSTRAINT member_face_pkey;
ALTER TABLE member_face ADD PRIMARY KEY (member_id, model_version);
