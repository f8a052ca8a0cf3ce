// The authorization matrix through the use cases on sqlite (the suite: authorization-matrix.ts).
import { leaveMatrixSuite } from "./authorization-matrix.ts";

leaveMatrixSuite("sqlite");
