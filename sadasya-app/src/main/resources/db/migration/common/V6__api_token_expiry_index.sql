-- Expired tokens are purged by expiry time (TokenPurge); the index keeps that off a full scan.
CREATE INDEX api_token_expires ON api_token (expires_at);
