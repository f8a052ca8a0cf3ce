// The authorization matrix through the use cases on postgres (the suite: authorization-matrix.ts).
import { matrixSuite } from "./authorization-matrix.ts";

matrixSuite("postgres");
