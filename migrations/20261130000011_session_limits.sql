-- Sessions last 12 hours at most and end after 30 idle minutes: each keeps
-- the moment it goes idle. Sessions started under the old 30-day rule end.
DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN idle_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sessions_by_email ON sessions (email);
