// KEYPOST_MIGRATE=off and the schema is behind this build: the service refuses to start, and the
// CLI says so in one line and exits 2 (a deployment step was skipped, not a crash).
export class PendingMigrationsError extends Error {
  readonly code = "MIGRATIONS_PENDING";
}
