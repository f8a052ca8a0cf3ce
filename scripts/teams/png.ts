// A minimal PNG encoder (8-bit RGBA, no interlace) over node:zlib, and the two Teams icons drawn
// pixel by pixel: a white key on Keypost blue (color, 192×192) and the same key in white on a
// transparent background (outline, 32×32), as Teams requires.
import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number, number],
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Width and height from a PNG's IHDR. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString("ascii") !== "PNG" || png.subarray(12, 16).toString("ascii") !== "IHDR")
    throw new Error("not a PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A key in unit coordinates (0..1): a ring bow on the left, a shaft to the right, two teeth. */
function onKey(u: number, v: number): boolean {
  const dx = u - 0.3;
  const dy = v - 0.5;
  const r = Math.hypot(dx, dy);
  if (r <= 0.17 && r >= 0.08) return true;
  if (u >= 0.45 && u <= 0.86 && Math.abs(v - 0.5) <= 0.045) return true;
  if (v >= 0.5 && v <= 0.66 && ((u >= 0.7 && u <= 0.75) || (u >= 0.8 && u <= 0.86))) return true;
  return false;
}

const BLUE = [0x1f, 0x4e, 0x79, 0xff] as const;
const WHITE = [0xff, 0xff, 0xff, 0xff] as const;
const CLEAR = [0, 0, 0, 0] as const;

export function colorIcon(size = 192): Buffer {
  return encodePng(size, size, (x, y) => (onKey((x + 0.5) / size, (y + 0.5) / size) ? WHITE : BLUE));
}

export function outlineIcon(size = 32): Buffer {
  return encodePng(size, size, (x, y) => (onKey((x + 0.5) / size, (y + 0.5) / size) ? WHITE : CLEAR));
}
