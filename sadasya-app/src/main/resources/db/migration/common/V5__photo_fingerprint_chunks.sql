-- IMAGE_REUSE without a full scan: multi-index hashing (Norouzi, Punjani and Fleet, "Fast search in
-- Hamming space with multi-index hashing", CVPR 2012). The 64-bit difference hash is stored again as
-- four 16-bit chunks, each indexed. Two hashes within d bits agree within floor(d / 4) bits on at
-- least one chunk (pigeonhole), so a search looks up, per chunk, every value that close to the
-- query's chunk, and checks the full distance only on those rows (StoredImageFingerprints).
-- Rows are filled from perceptual_hash by the vendor migration V5_1.
ALTER TABLE enrollment ADD COLUMN phash_0 INT;
ALTER TABLE enrollment ADD COLUMN phash_1 INT;
ALTER TABLE enrollment ADD COLUMN phash_2 INT;
ALTER TABLE enrollment ADD COLUMN phash_3 INT;
CREATE INDEX enrollment_phash_0 ON enrollment (phash_0);
CREATE INDEX enrollment_phash_1 ON enrollment (phash_1);
CREATE INDEX enrollment_phash_2 ON enrollment (phash_2);
CREATE INDEX enrollment_phash_3 ON enrollment (phash_3);
