-- Letters to one person that belong to no account or application, sent by
-- the mail sender as notices are: e.g. "someone applied with your address".
CREATE TABLE letters (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT
);
CREATE INDEX letters_by_recipient ON letters (recipient, kind, created_at);
CREATE INDEX letters_due ON letters (sent_at, next_attempt_at);
