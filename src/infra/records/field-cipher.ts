// AES-256-GCM field encryption (node:crypto) with keys read from KEYPOST_FIELD_KEY_FILE: one key per
// line, base64 of 32 random bytes; the first line seals, every line opens (rotation: put the new key
// first and keep the old ones until no row uses them). A sealed value is
//   kpf1:<key id>:<base64(12-byte IV ‖ ciphertext ‖ 16-byte tag)>
// where the key id is the first 16 hex digits of the key's SHA-256, and the column name is the
// additional authenticated data. Values without the prefix were stored before encryption was
// configured and are read as they are. docs/field-encryption.md.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FieldCipher } from "../../ports/field-cipher.ts";

const PREFIX = "kpf1:";

export class FieldKeyError extends Error {
  constructor(
    readonly code: "FIELD_KEY_FILE_INVALID" | "FIELD_KEY_UNKNOWN" | "FIELD_VALUE_CORRUPT",
    message: string,
  ) {
    super(message);
  }
}

export const keyIdOf = (key: Uint8Array): string => createHash("sha256").update(key).digest("hex").slice(0, 16);

/** Stored text as it is: no key configured (development, tests). Refuses to "open" a sealed value. */
export const PLAIN_FIELDS: FieldCipher = {
  seal: (_column, text) => text,
  open(column, stored) {
    if (stored.startsWith(PREFIX))
      throw new FieldKeyError("FIELD_KEY_UNKNOWN", `${column} is encrypted: set KEYPOST_FIELD_KEY_FILE to read it`);
    return stored;
  },
};

export class AesGcmFieldCipher implements FieldCipher {
  readonly #keys: Map<string, Buffer>;
  readonly #current: { id: string; key: Buffer };

  constructor(keys: readonly Uint8Array[]) {
    if (keys.length === 0 || keys.some((k) => k.length !== 32))
      throw new FieldKeyError("FIELD_KEY_FILE_INVALID", "field keys must be 32 bytes each (AES-256)");
    this.#keys = new Map(keys.map((k) => [keyIdOf(k), Buffer.from(k)]));
    this.#current = { id: keyIdOf(keys[0]!), key: Buffer.from(keys[0]!) };
  }

  /** The id of the key that seals new values. */
  get keyId(): string {
    return this.#current.id;
  }

  seal(column: string, text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#current.key, iv);
    cipher.setAAD(Buffer.from(column, "utf8"));
    const body = Buffer.concat([iv, cipher.update(text, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.#current.id}:${body.toString("base64")}`;
  }

  open(column: string, stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [id, data] = stored.slice(PREFIX.length).split(":");
    const key = id === undefined ? undefined : this.#keys.get(id);
    if (!key)
      throw new FieldKeyError("FIELD_KEY_UNKNOWN", `${column} is sealed with key ${id ?? "?"}, not in the key file`);
    const body = Buffer.from(data ?? "", "base64");
    if (body.length < 28) throw new FieldKeyError("FIELD_VALUE_CORRUPT", `${column} holds a damaged sealed value`);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, body.subarray(0, 12));
      decipher.setAAD(Buffer.from(column, "utf8"));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]).toString("utf8");
    } catch {
      throw new FieldKeyError("FIELD_VALUE_CORRUPT", `${column} holds a sealed value that does not authenticate`);
    }
  }
}

/** The cipher the configuration asks for: keys from KEYPOST_FIELD_KEY_FILE, else stored text as is. */
export function fieldCipherOf(config: { KEYPOST_FIELD_KEY_FILE?: string | undefined }): FieldCipher {
  const file = config.KEYPOST_FIELD_KEY_FILE;
  if (!file) return PLAIN_FIELDS;
  const lines = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const keys = lines.map((l) => Buffer.from(l, "base64"));
  if (keys.length === 0 || keys.some((k, i) => k.length !== 32 || k.toString("base64") !== lines[i]))
    throw new FieldKeyError(
      "FIELD_KEY_FILE_INVALID",
      "KEYPOST_FIELD_KEY_FILE must hold one key per line, each the base64 of 32 random bytes (openssl rand -base64 32)",
    );
  return new AesGcmFieldCipher(keys);
}
