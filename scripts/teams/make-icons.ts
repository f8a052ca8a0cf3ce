// Writes manifest/teams/color.png (192×192) and outline.png (32×32). The PNGs are committed;
// run again only to change the drawing: node --import tsx scripts/teams/make-icons.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { colorIcon, outlineIcon } from "./png.ts";

const dir = join(import.meta.dirname, "../../manifest/teams");
writeFileSync(join(dir, "color.png"), colorIcon());
writeFileSync(join(dir, "outline.png"), outlineIcon());
process.stdout.write(`wrote ${dir}/color.png and outline.png\n`);
