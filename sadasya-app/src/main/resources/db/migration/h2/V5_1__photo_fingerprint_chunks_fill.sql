-- Chunk k holds bits 16k..16k+15 of perceptual_hash (FingerprintChunks.of).
UPDATE enrollment SET
    phash_0 = CAST(BITAND(perceptual_hash, 65535) AS INT),
    phash_1 = CAST(BITAND(RSHIFT(perceptual_hash, 16), 65535) AS INT),
    phash_2 = CAST(BITAND(RSHIFT(perceptual_hash, 32), 65535) AS INT),
    phash_3 = CAST(BITAND(RSHIFT(perceptual_hash, 48), 65535) AS INT)
WHERE perceptual_hash IS NOT NULL;
