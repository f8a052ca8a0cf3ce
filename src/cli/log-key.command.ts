// keypost log-key [--new FILE]: prints the id and public key of the audit log's signing key (what a
// bank publishes so examiners can pin it), or creates a new Ed25519 key file for a rotation
// (docs/audit-log.md, "Key rotation"). The new file is created only if it does not exist, mode 0600.
import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadSigningKey, signingKeyFromPem } from "../infra/audit-log/checkpoint-signing.ts";
import { EXIT_OK, UsageError, type CliCommand } from "./command.ts";

export const logKeyCommand: CliCommand = {
  name: "log-key",
  usage: "log-key [--new FILE]",
  summary: "show the audit log signing key's id and public key, or create a new key file",
  async run(args, { config, io }) {
    let values: { new?: string };
    try {
      ({ values } = parseArgs({ args, options: { new: { type: "string" } }, strict: true, allowPositionals: false }));
    } catch {
      throw new UsageError(`log-key takes --new FILE only (got "${args.join(" ")}")`);
    }
    if (values.new !== undefined) {
      const { privateKey } = generateKeyPairSync("ed25519");
      const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      try {
        await writeFile(values.new, pem, { flag: "wx", mode: 0o600 });
      } catch {
        throw new UsageError(`cannot create "${values.new}" (it must not exist yet)`);
      }
      const key = signingKeyFromPem(pem);
      io.out(`new key ${key.keyId} written; point KEYPOST_LOG_SIGNING_KEY_FILE at it to sign with it`);
      io.out(key.publicKeyPem.trimEnd());
      return EXIT_OK;
    }
    if (!config.KEYPOST_LOG_SIGNING_KEY_FILE) throw new UsageError("KEYPOST_LOG_SIGNING_KEY_FILE is not set");
    const key = await loadSigningKey(config.KEYPOST_LOG_SIGNING_KEY_FILE);
    io.out(`key id ${key.keyId}`);
    io.out(key.publicKeyPem.trimEnd());
    return EXIT_OK;
  },
};
