-- Moderators' second factor (TOTP, RFC 6238): the secret sealed with the
-- server's key, the last time step a code was accepted at (each code works
-- once), and one-time recovery codes kept by their SHA-256.
CREATE TABLE second_factors (
    email TEXT PRIMARY KEY REFERENCES users (email),
    secret_sealed TEXT NOT NULL,
    last_step BIGINT NOT NULL,
    enrolled_at BIGINT NOT NULL
);
CREATE TABLE recovery_codes (
    email TEXT NOT NULL REFERENCES users (email),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (email, code_hash)
);
-- A sign-in whose password was right and whose code is still to come; for
-- a moderator enrolling, with the secret offered.
CREATE TABLE sign_in_challenges (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL REFERENCES users (email),
    enrol_secret_sealed TEXT,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0
);
