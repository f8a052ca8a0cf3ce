// The authorization matrix through the use cases on postgres (the suite: authorization-matrix.ts).
import { leaveMatrixSuite } from "./authorization-matrix.ts";

leaveMatrixSuite("postgres");
