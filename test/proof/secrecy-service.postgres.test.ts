// Secrecy through the running service (Slack and Teams cards, the dashboard, the log) on PostgreSQL:
// the probe is in secrecy-service.ts; one file per engine so that the two run side by side.
import { secrecyThroughService } from "./secrecy-service.ts";

secrecyThroughService("postgres");
