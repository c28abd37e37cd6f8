/**
 * What a file carries around its code that transforms must not see or lose (design.md
 * principle 5): a byte-order mark, a shebang line, and CRLF line endings. Transforms get plain
 * LF text; `restore` puts the file's own envelope back on their output.
 */
export interface SourceEnvelope {
  bom: boolean;
  shebang: string;
  crlf: boolean;
}

export function strip(raw: string): { code: string; envelope: SourceEnvelope } {
  const bom = raw.charCodeAt(0) === 0xfeff;
  let text = bom ? raw.slice(1) : raw;
  // Only a file whose every line ends in CRLF is converted; a mixed file is passed through as is.
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  if (crlf) text = text.replace(/\r\n/g, '\n');
  const shebang = /^#![^\n]*(\n|$)/.exec(text)?.[0] ?? '';
  return { code: text.slice(shebang.length), envelope: { bom, shebang, crlf } };
}

export function restore(code: string, envelope: SourceEnvelope): string {
  let text = envelope.shebang + code;
  if (envelope.crlf) text = text.replace(/\r?\n/g, '\r\n');
  return envelope.bom ? `\ufeff${text}` : text;
}
