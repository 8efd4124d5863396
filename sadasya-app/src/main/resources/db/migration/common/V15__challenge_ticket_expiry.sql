-- Expired tickets are deleted (challenge.TicketPurge): by expiry, not by worker.
CREATE INDEX challenge_ticket_expiry ON challenge_ticket (expires_at);
