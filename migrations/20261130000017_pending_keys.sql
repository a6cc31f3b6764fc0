-- A key issued for a simple connection still registering with its module
-- works before its connection exists (app::simple_connection), for a while.
ALTER TABLE api_keys ADD COLUMN pending BIGINT NOT NULL DEFAULT 0;
