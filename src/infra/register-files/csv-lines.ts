// The records of a CSV file, each with the line it starts on, read line by line: a line without a
// quote is cut at its commas (what csv-parse would make of it, at a seventh of the cost: parsing
// was a fifth of a 100 000-employee import, issue 13); a line with a quote, and the lines a quoted
// cell runs on to, go to csv-parse itself. Blank and comment (#) lines are skipped but counted.
// Files with a lone CR line end (old Mac) are left to csv-parse's streaming reader (the caller's).
// The records come in batches, one per piece of the file read, so a record costs a push, not an
// async step (issue 13, decision 13.s10i-1).
import type { Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { parse } from "csv-parse/sync";

export interface NumberedRecord {
  readonly line: number;
  readonly record: string[];
}

/** A problem csv-parse found, at the line of the file where the record it was reading starts. */
export class CsvLineError extends Error {
  constructor(
    message: string,
    readonly lines: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const HEAD_BYTES = 64 * 1024;

/** True when the file's start has a CR not followed by LF: csv-parse then takes the whole file. */
export async function hasLoneCr(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    for (let i = buffer.indexOf(13); i !== -1 && i < bytesRead; i = buffer.indexOf(13, i + 1))
      if (i + 1 < bytesRead && buffer[i + 1] !== 10) return true;
    return false;
  } finally {
    await handle.close();
  }
}

function quotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * The records of `path` (every byte also fed to `hash`), in batches: the records of each piece of
 * the file read (64 KB), so that the reader's per-record cost is a push, not an async step.
 * `options`: csv-parse's, for the lines that need it (trim, comments, relaxed column count — the
 * fast path does the same). A problem ends the stream after the records before it.
 */
export async function* csvLineBatches(
  path: string,
  hash: Hash,
  options: Record<string, unknown>,
): AsyncGenerator<NumberedRecord[]> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let line = 0; // lines read so far
  let first = true;
  // A record with a quote, gathered until its quotes pair up: the line it starts on, its text.
  let open: { start: number; text: string; quotes: number } | undefined;
  let out: NumberedRecord[] = [];

  const complex = (start: number, text: string): void => {
    let records: string[][];
    try {
      records = parse(text, options) as string[][];
    } catch (error) {
      // csv-parse counts lines from the text it was given: its message and count made the file's.
      const inFile = (n: number) => start + Math.max(n, 1) - 1;
      const message = (error as Error).message.replace(/\bline (\d+)/g, (_, n: string) => `line ${inFile(Number(n))}`);
      throw new CsvLineError(message, inFile((error as { lines?: number }).lines ?? 1), { cause: error });
    }
    for (const record of records) out.push({ line: start, record });
  };

  function lines(text: string, end: boolean): void {
    let from = 0;
    for (;;) {
      let to = text.indexOf("\n", from);
      if (to === -1) {
        if (!end) break;
        to = text.length;
        if (from >= to) break;
      }
      const raw = text.slice(from, to);
      from = to + 1;
      line++;
      if (open) {
        open.text += `\n${raw}`;
        open.quotes += quotes(raw);
        if (open.quotes % 2 === 0) {
          const done = open;
          open = undefined;
          complex(done.start, done.text);
        }
        continue;
      }
      const plain = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      const trimmed = plain.trim();
      if (trimmed === "" || trimmed.startsWith("#")) continue; // blank or comment
      const q = quotes(raw);
      if (q > 0) {
        if (q % 2 === 0) complex(line, raw);
        else open = { start: line, text: raw, quotes: q };
        continue;
      }
      if (plain.includes("\r")) {
        complex(line, plain);
        continue;
      }
      const record = plain.split(",");
      for (let i = 0; i < record.length; i++) record[i] = record[i]!.trim();
      out.push({ line, record });
    }
    rest = text.slice(from);
  }

  /** The records so far, taken (a failed piece still hands over the records before its problem). */
  const take = (): NumberedRecord[] => {
    const batch = out;
    out = [];
    return batch;
  };

  const input = createReadStream(path);
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      let text = decoder.write(chunk);
      if (first) {
        first = false;
        if (text.startsWith("\uFEFF")) text = text.slice(1);
      }
      try {
        // The line the last piece left open is finished alone: `rest + text` made the whole piece
        // a second time (a cons string, copied flat by the first search), ~20 MB of a 100 000-employee
        // import (decision 13.s13i-6).
        const end = rest === "" ? -2 : text.indexOf("\n");
        if (end === -1) lines(rest + text, false);
        else {
          if (end >= 0) {
            lines(rest + text.slice(0, end + 1), false);
            text = text.slice(end + 1);
          }
          lines(text, false);
        }
      } finally {
        if (out.length > 0) yield take();
      }
    }
    try {
      lines(rest + decoder.end(), true);
      if (open) complex(open.start, open.text); // a quote never closed: csv-parse says so
    } finally {
      if (out.length > 0) yield take();
    }
  } finally {
    input.destroy();
  }
}
