-- The monthly price each connection's owner was last told (at activation,
-- then by each notice): no charge exceeds it. Empty for connections made
-- before: their next notice sets it, and until then they pay the module's price.
ALTER TABLE connections ADD COLUMN price_kopecks BIGINT;
