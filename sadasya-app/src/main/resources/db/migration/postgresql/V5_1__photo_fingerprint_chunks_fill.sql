-- Chunk k holds bits 16k..16k+15 of perceptual_hash (FingerprintChunks.of).
UPDATE enrollment SET
    phash_0 = (perceptual_hash & 65535)::int,
    phash_1 = ((perceptual_hash >> 16) & 65535)::int,
    phash_2 = ((perceptual_hash >> 32) & 65535)::int,
    phash_3 = ((perceptual_hash >> 48) & 65535)::int
WHERE perceptual_hash IS NOT NULL;
