-- The keys modules' backends call the module API with (MODULE-API.md §2):
-- kept only as their SHA-256, each for one connection and a set of scopes.
-- No reference to `connections`: a deactivated connection's row is deleted,
-- and its keys with it (app::billing).
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    connection_id TEXT NOT NULL,
    module_code TEXT NOT NULL,
    scopes TEXT NOT NULL,               -- scope names, space-separated
    prefix TEXT NOT NULL,               -- the key's first characters, to tell keys apart
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);

CREATE INDEX api_keys_by_account ON api_keys (account_id);
CREATE INDEX api_keys_by_connection ON api_keys (connection_id);

-- Modules' registrations of their connections (`integrationModule`), one per
-- connection, under a code unique in the account.
CREATE TABLE integrations (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    code TEXT NOT NULL,
    connection_id TEXT NOT NULL UNIQUE,
    module_code TEXT NOT NULL,
    body TEXT NOT NULL,                 -- JSON of domain::integration::IntegrationModule
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, code)
);
