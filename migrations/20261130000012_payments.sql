-- Top-ups paid through the payment provider. The balance is credited when
-- the provider confirms the payment; `status` leaves 'pending' once.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    amount_kopecks BIGINT NOT NULL,
    idempotency_key TEXT NOT NULL,
    provider_id TEXT UNIQUE,
    confirmation_url TEXT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    settled_at BIGINT,
    UNIQUE (account_id, idempotency_key)
);
