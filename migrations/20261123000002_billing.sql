-- Connections become subscriptions, billed one by one; the operations history,
-- the trials an account has had, and the outbox of notices arrive.

ALTER TABLE connections ADD COLUMN section TEXT NOT NULL DEFAULT 'other';
ALTER TABLE connections ADD COLUMN status TEXT NOT NULL DEFAULT 'unbilled';
ALTER TABLE connections ADD COLUMN anchor_day BIGINT;
ALTER TABLE connections ADD COLUMN due_on TEXT;             -- account-local day of the next charge, YYYY-MM-DD
ALTER TABLE connections ADD COLUMN due_at BIGINT;           -- when due_on begins (UTC); NULL unless trial or paid
ALTER TABLE connections ADD COLUMN noticed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE connections ADD COLUMN notice_at BIGINT;        -- when the notice of due_on is due; NULL once sent
ALTER TABLE connections ADD COLUMN frozen_at BIGINT;

-- The billing run walks these in order without sorting.
CREATE INDEX connections_due ON connections (due_at, created_at, id);
CREATE INDEX connections_notice ON connections (notice_at);

ALTER TABLE accounts ADD COLUMN next_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE trials_used (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    module_code TEXT NOT NULL,
    PRIMARY KEY (account_id, module_code)
);

CREATE TABLE operations (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    seq BIGINT NOT NULL,
    op_key TEXT NOT NULL,             -- what the row is for: a repeated charge is refused here
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    module_code TEXT,
    connection_id TEXT,
    connection_name TEXT,
    amount_kopecks BIGINT NOT NULL,
    balance_after_kopecks BIGINT NOT NULL,
    PRIMARY KEY (account_id, seq),
    UNIQUE (account_id, op_key)
);

CREATE TABLE outbox (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    mail_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    notice TEXT NOT NULL,             -- JSON of domain::billing::Notice
    sent_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    PRIMARY KEY (account_id, mail_key)
);

CREATE INDEX outbox_unsent ON outbox (sent_at, next_attempt_at);
