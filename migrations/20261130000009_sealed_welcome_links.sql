-- The one-time link of an approval letter is no longer written into the
-- letter that moderators read: it is kept sealed (as module secrets are)
-- until the letter is sent, then dropped; the invitation keeps its hash only.
ALTER TABLE applications ADD COLUMN link_sealed TEXT;
-- Links written in clear before this are void: a moderator sends them again.
UPDATE invitations SET expires_at = 0 WHERE used_at IS NULL;
