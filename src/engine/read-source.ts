import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** Files above this are never read at all: no source file is this big, and reading it costs memory. */
export const hardSizeLimit = 64 * 1024 * 1024;

export type SourceRead =
  | { ok: true; text: string; bytes: number; raw: Buffer; bom: boolean }
  | { ok: false; message: string };

/** Opening a FIFO that appeared after discovery must not wait for a writer; a regular file ignores the flag. */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a source file as UTF-8 text, or says in one sentence why it cannot be audited:
 * unreadable, not a regular file, binary (NUL bytes), not UTF-8 (with the line of the first bad
 * byte), or huge. A byte-order mark is dropped; ESLint positions do not count it either.
 *
 * Synchronous on purpose: `audit`, `fix` and the PR's marker scan read every file of the tree,
 * mostly small ones, and `fs/promises` costs a thread-pool round trip for each of open, stat,
 * read and close: ten times the CPU time in the audit, and in `fix`, which read one file after
 * another, 2.8 s of 17 idle on the bench tree. The caller decides how often to let the event loop run.
 */
export function readSourceSync(path: string): SourceRead {
  let buffer: Buffer;
  try {
    const fd = openSync(path, openFlags);
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) return { ok: false, message: 'not a regular file; exclude it' };
      if (info.size > hardSizeLimit) {
        return { ok: false, message: `file is ${formatBytes(info.size)}, over the ${formatBytes(hardSizeLimit)} that mcp-migrate ever reads; exclude it` };
      }
      buffer = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { ok: false, message: `cannot read the file: ${(error as Error).message}` };
  }
  return decode(buffer);
}

/** The checks and decoding both readers share. */
function decode(buffer: Buffer): SourceRead {
  if (buffer.subarray(0, 8000).includes(0)) {
    return { ok: false, message: 'binary file (it contains NUL bytes); exclude it' };
  }
  if (!isUtf8(buffer)) {
    return { ok: false, message: `not valid UTF-8 (first bad byte on line ${lineOfFirstInvalidByte(buffer)}); re-encode it as UTF-8 or exclude it` };
  }
  const text = buffer.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  // `raw` lets `fix` check that the bytes on disk are still the ones it read before replacing them.
  return { ok: true, text: bom ? text.slice(1) : text, bytes: buffer.length, raw: buffer, bom };
}

/** Walks UTF-8 sequences until one is malformed; only runs on files `isUtf8` already rejected. */
function lineOfFirstInvalidByte(buffer: Buffer): number {
  let line = 1;
  for (let i = 0; i < buffer.length; ) {
    const byte = buffer[i]!;
    if (byte === 0x0a) line++;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > buffer.length) return line;
    for (let k = 1; k < length; k++) if ((buffer[i + k]! & 0xc0) !== 0x80) return line;
    if (!isUtf8(buffer.subarray(i, i + length))) return line;
    i += length;
  }
  return line;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** Parses `2mb`, `512kb`, `1048576`: what `--max-file-size` accepts. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(Number(match[1]) * factor);
}
