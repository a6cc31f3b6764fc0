-- Partners' listings as they edit them. The published revision of each lives
-- in `modules`; this is the working copy, its stage and the module's secret.

ALTER TABLE users ADD COLUMN company TEXT;      -- a partner's company: the listings' vendor
ALTER TABLE users ADD COLUMN website TEXT;      -- and its site

CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    owner_email TEXT NOT NULL REFERENCES users (email),
    code TEXT NOT NULL,                         -- the draft's symbol code as last saved
    draft TEXT NOT NULL,                        -- JSON of domain::submission::ListingDraft
    stage TEXT NOT NULL,                        -- draft | in_review | rejected | approved
    reason TEXT,                                -- the moderator's reason for a rejection
    published_code TEXT UNIQUE,                 -- the code it is live under, once published
    secret_hash TEXT NOT NULL,                  -- SHA-256 of the module secret, shown to the partner once
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT
);

CREATE INDEX submissions_by_owner ON submissions (owner_email);
CREATE INDEX submissions_by_code ON submissions (code);
CREATE INDEX submissions_by_stage ON submissions (stage);

-- The approved working copy behind a published listing, for the moderator's
-- diff of the next revision (NULL for modules that never went through review).
ALTER TABLE modules ADD COLUMN draft TEXT;
