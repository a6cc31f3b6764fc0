// The marketplace in a real browser against souk-server on a temporary SQLite file.
import { marketplaceFlows } from "./flows.mjs";
import { startServer } from "./harness.mjs";

marketplaceFlows("server", startServer);
