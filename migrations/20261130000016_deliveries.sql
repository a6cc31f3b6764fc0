-- Lifecycle callbacks to modules (MODULE-API.md §3), kept as a log the
-- partner reads: each tried until delivered or out of retries.
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    connection_id TEXT NOT NULL,        -- the connection may be gone (a deactivation's callback)
    module_code TEXT NOT NULL,
    event TEXT NOT NULL,                -- activated | deactivated | frozen | unfrozen | test
    url TEXT NOT NULL,
    client_id TEXT NOT NULL,
    activity_active BIGINT NOT NULL,    -- the activity sent: 1 or 0 (FREEZE is a word PostgreSQL keeps)
    activity_freeze BIGINT NOT NULL,
    status TEXT NOT NULL,               -- pending | delivered | failed
    attempts BIGINT NOT NULL,
    next_at BIGINT,
    created_at BIGINT NOT NULL,
    last_attempt TEXT                   -- JSON of store::AttemptRecord
);

CREATE INDEX deliveries_due ON deliveries (status, next_at);
CREATE INDEX deliveries_by_module ON deliveries (module_code, created_at);
