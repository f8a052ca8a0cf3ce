// The authorization matrix through the use cases on sqlite (the suite: authorization-matrix.ts).
import { matrixSuite } from "./authorization-matrix.ts";

matrixSuite("sqlite");
