-- One schema for SQLite and PostgreSQL: only TEXT and BIGINT columns, money in
-- kopecks, times in Unix seconds (UTC).

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    countries TEXT NOT NULL,          -- JSON array of ISO 3166-1 codes
    api_version TEXT NOT NULL,
    lang TEXT NOT NULL,
    timezone TEXT NOT NULL,
    balance_kopecks BIGINT NOT NULL DEFAULT 0 CHECK (balance_kopecks >= 0)
);

CREATE TABLE users (
    email TEXT PRIMARY KEY,           -- stored lower-case
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,      -- argon2 PHC string
    role TEXT NOT NULL,
    account_id TEXT REFERENCES accounts (id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,      -- SHA-256 of the cookie value; the token itself is never stored
    email TEXT NOT NULL REFERENCES users (email),
    expires_at BIGINT NOT NULL
);

CREATE TABLE modules (
    code TEXT PRIMARY KEY,
    section TEXT NOT NULL,
    listing TEXT NOT NULL,            -- JSON of domain::Listing, the published revision
    logo_svg TEXT NOT NULL
);

CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    module_code TEXT NOT NULL REFERENCES modules (code),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX connections_by_account ON connections (account_id);
