-- Membership cards (card.*). Where the verifier found the member's face in the enrolment's photo,
-- as fractions of the photo's width and height, so that a card crops the face without running the
-- face engine again. Null for enrolments decided before this column existed, and for photos without
-- a member face.
ALTER TABLE enrollment ADD COLUMN member_face_x DOUBLE PRECISION;
ALTER TABLE enrollment ADD COLUMN member_face_y DOUBLE PRECISION;
ALTER TABLE enrollment ADD COLUMN member_face_w DOUBLE PRECISION;
ALTER TABLE enrollment ADD COLUMN member_face_h DOUBLE PRECISION;

-- An admin's revocation of a member: the card's token is refused from then on (GET /verify/{token}).
ALTER TABLE member ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE member ADD COLUMN revoked_by BIGINT;
ALTER TABLE member ADD COLUMN revoke_reason VARCHAR(1000);
ALTER TABLE member ADD CONSTRAINT member_revoked_by FOREIGN KEY (revoked_by) REFERENCES app_user (id);
