-- Companies applying to become partners, the moderator's decision and the
-- letter it sends, and the one-time links approved partners set a password through.

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    company TEXT NOT NULL,
    contact TEXT NOT NULL,
    email TEXT NOT NULL,                        -- lower-case
    phone TEXT NOT NULL,
    website TEXT NOT NULL,
    message TEXT NOT NULL,
    lang TEXT NOT NULL,                         -- the applicant's language: the letter is written in it
    status TEXT NOT NULL,                       -- pending | approved | declined
    reason TEXT,                                -- the moderator's reason for a decline
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    -- The decision letter, kept as the outbox keeps notices: sent when an SMTP
    -- server is configured, and readable by the moderator either way.
    letter_subject TEXT,
    letter_body TEXT,
    sent_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    last_error TEXT
);

-- One pending application per e-mail, even when two arrive at once.
CREATE UNIQUE INDEX applications_pending_email ON applications (email) WHERE status = 'pending';
CREATE INDEX applications_by_status ON applications (status, created_at);
CREATE INDEX applications_unsent ON applications (sent_at, next_attempt_at);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,                -- SHA-256 of the link's token; the token is only in the letter
    email TEXT NOT NULL REFERENCES users (email),
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
