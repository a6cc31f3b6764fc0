-- Module secrets become readable by the server (to sign simple-connection
-- requests): kept sealed with a key outside the database (XChaCha20-Poly1305)
-- instead of as a SHA-256. A hash cannot be turned back into its secret, so
-- listings kept before have none until their partner rotates it. The table is
-- rebuilt (the portable way to drop a NOT NULL column in SQLite and PostgreSQL).

CREATE TABLE submissions_sealed (
    id TEXT PRIMARY KEY,
    owner_email TEXT NOT NULL REFERENCES users (email),
    code TEXT NOT NULL,                         -- the draft's symbol code as last saved
    draft TEXT NOT NULL,                        -- JSON of domain::submission::ListingDraft
    stage TEXT NOT NULL,                        -- draft | in_review | rejected | approved
    reason TEXT,                                -- the moderator's reason for a rejection
    published_code TEXT UNIQUE,                 -- the code it is live under, once published
    secret_sealed TEXT,                         -- v1:<nonce><ciphertext>, hex; NULL until rotated
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT
);

INSERT INTO submissions_sealed (id, owner_email, code, draft, stage, reason, published_code, updated_at, submitted_at)
SELECT id, owner_email, code, draft, stage, reason, published_code, updated_at, submitted_at FROM submissions;

DROP TABLE submissions;
ALTER TABLE submissions_sealed RENAME TO submissions;

CREATE INDEX submissions_by_owner ON submissions (owner_email);
CREATE INDEX submissions_by_code ON submissions (code);
CREATE INDEX submissions_by_stage ON submissions (stage);
