-- The moderators' synonyms (a term users type, the words it stands for) and
-- the queries that found nothing, counted once per account and query.
CREATE TABLE synonyms (
    term TEXT PRIMARY KEY,
    meaning TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at BIGINT NOT NULL
);

CREATE TABLE missed_queries (
    query TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    times BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (query, account_id)
);
