// The audit and rectification authorization matrix through the use cases on sqlite (the suite:
// authorization-matrix-audit.ts).
import { auditMatrixSuite } from "./authorization-matrix-audit.ts";

auditMatrixSuite("sqlite");
