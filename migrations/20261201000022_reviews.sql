-- Accounts' reviews of modules (one per account and module), the module
-- partners' replies, the owners' "helpful" marks, and reports of either with
-- the moderator's decision, which stays as the log when a review is deleted.
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    module_code TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    author_email TEXT NOT NULL,
    author_name TEXT NOT NULL,
    stars BIGINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body TEXT NOT NULL,
    lang TEXT NOT NULL,
    used_months BIGINT NOT NULL,
    written_at BIGINT NOT NULL,
    edited_at BIGINT,
    helpful BIGINT NOT NULL DEFAULT 0,
    shown TEXT NOT NULL,                -- domain::review::ShownKind
    shown_note TEXT NOT NULL,           -- the moderator's reason or request; empty when shown
    UNIQUE (module_code, account_id)
);

CREATE TABLE review_replies (
    review_id TEXT PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
    author_email TEXT NOT NULL,
    body TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    edited_at BIGINT,
    shown TEXT NOT NULL,
    shown_note TEXT NOT NULL
);

CREATE TABLE review_helpful (
    review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (review_id, account_id)
);

-- No reference to `reviews`: a decided report outlives its review.
CREATE TABLE review_reports (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL,
    target TEXT NOT NULL,               -- domain::review::report::Target
    reporter_email TEXT NOT NULL,
    reason TEXT NOT NULL,               -- domain::review::report::ReportReason
    body TEXT NOT NULL,
    at BIGINT NOT NULL,
    decision TEXT,                      -- domain::review::report::Decision, once decided
    decided_by TEXT,
    decided_at BIGINT,
    note TEXT
);

CREATE INDEX review_reports_by_review ON review_reports (review_id);
CREATE INDEX review_reports_by_decision ON review_reports (decided_at, at);
