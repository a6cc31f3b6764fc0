-- The account's own services (SPEC §6, seed 004): what a booking channel
-- publishes, in kopecks as the rest of the money, in the order they were added.
CREATE TABLE account_services (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    position BIGINT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    duration_min BIGINT NOT NULL CHECK (duration_min > 0),
    price_kopecks BIGINT NOT NULL CHECK (price_kopecks > 0),
    created_at BIGINT NOT NULL
);

CREATE INDEX account_services_by_account ON account_services (account_id, position);
