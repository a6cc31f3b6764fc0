-- Built-in modules (SPEC §6): each connection's settings of Souk's own
-- screen, the loyalty programme the SMS service's events depend on, and the
-- access log of calls to the outside systems.
CREATE TABLE builtin_settings (
    connection_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    module_code TEXT NOT NULL,
    settings TEXT NOT NULL,             -- JSON of the built-in's settings
    secret_sealed TEXT,                 -- the password typed, sealed to the connection
    log_enabled BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE loyalty_programmes (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    accrual BIGINT NOT NULL,
    expiry_days BIGINT,                 -- NULL: points never expire
    birthday_bonus BIGINT NOT NULL,
    welcome_bonus BIGINT NOT NULL
);

CREATE TABLE api_calls (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    connection_id TEXT NOT NULL,
    at_ms BIGINT NOT NULL,              -- milliseconds: calls of one second keep their order
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    params TEXT NOT NULL,               -- passwords and keys masked
    status BIGINT,
    error_code BIGINT,
    latency_ms BIGINT NOT NULL,
    error TEXT
);

CREATE INDEX api_calls_by_connection ON api_calls (connection_id, at_ms);
