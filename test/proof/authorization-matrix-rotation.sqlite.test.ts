// The rotation and handover authorization matrix through the use cases on sqlite (the suite:
// authorization-matrix-rotation.ts).
import { rotationMatrixSuite } from "./authorization-matrix-rotation.ts";

rotationMatrixSuite("sqlite");
