-- Challenge tickets (DESIGN.md, "Capture and challenge"). The signature alone proves a ticket is
-- genuine; the row adds what a signature cannot: single use (claimed_by, set once when the first
-- enrolment naming the ticket is verified) and, for a ticket whose signature fails, whether it was
-- altered (other steps, another worker) or never issued.
CREATE TABLE challenge_ticket (
    challenge_id VARCHAR(36)  PRIMARY KEY,
    worker_id    BIGINT       NOT NULL REFERENCES app_user (id),
    steps        VARCHAR(200) NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the submission id of the enrolment that used the ticket
    claimed_by   VARCHAR(36),
    claimed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX challenge_ticket_worker ON challenge_ticket (worker_id, expires_at);
