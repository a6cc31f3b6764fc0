-- Every change to a working copy counts up its revision, so a moderator's
-- decision names the revision it was made on and a listing changed since
-- is not decided unread.
ALTER TABLE submissions ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
