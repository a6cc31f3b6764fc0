-- Partners and moderators have no account, so no account time zone: each
-- chooses one (NULL until then: the browser's is used).
ALTER TABLE users ADD COLUMN timezone TEXT;
