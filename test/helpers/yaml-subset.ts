/**
 * A strict reader for the part of YAML that action.yml uses: block mappings and sequences,
 * `|` literal block scalars, plain and quoted scalars, comments. Anything else (tabs, flow
 * collections, anchors, folded scalars, duplicate keys) is an error, so the file cannot drift
 * into YAML this reader would misread. mcp-migrate has no YAML dependency; the test also
 * compares the result with PyYAML's where Python has it.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  number: number;
  indent: number;
  text: string;
  raw: string;
}

export function parseYamlSubset(source: string): YamlValue {
  if (source.includes('\t')) throw new Error('tabs are not allowed');
  const lines: Line[] = source.split('\n').map((raw, index) => {
    const indent = raw.length - raw.trimStart().length;
    return { number: index + 1, indent, text: stripComment(raw).trimEnd().slice(indent), raw };
  });
  const reader = new Reader(lines);
  reader.skipBlank();
  const first = reader.peek();
  if (!first) return null;
  const value = reader.block(first.indent);
  reader.skipBlank();
  if (reader.peek()) throw new Error(`line ${reader.peek()!.number}: unexpected indentation`);
  return value;
}

class Reader {
  private index = 0;
  constructor(private readonly lines: Line[]) {}

  peek(): Line | undefined {
    return this.lines[this.index];
  }

  skipBlank(): void {
    while (this.index < this.lines.length && this.lines[this.index]!.text === '') this.index++;
  }

  /** A mapping or a sequence whose entries start at `indent`. */
  block(indent: number): YamlValue {
    const line = this.peek()!;
    if (line.indent !== indent) throw new Error(`line ${line.number}: expected indentation ${indent}`);
    return line.text.startsWith('- ') || line.text === '-' ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) return items;
      if (line.indent > indent || !line.text.startsWith('- ')) throw new Error(`line ${line.number}: expected a "- " item`);
      const rest = line.text.slice(2);
      if (/^[\w.-]+:( |$)/.test(rest)) {
        // `- key: value` starts a mapping indented two past the dash.
        line.text = rest;
        line.indent = indent + 2;
        items.push(this.mapping(indent + 2));
      } else {
        this.index++;
        items.push(scalar(rest, line.number));
      }
    }
  }

  private mapping(indent: number): { [key: string]: YamlValue } {
    const map: { [key: string]: YamlValue } = {};
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) return map;
      if (line.indent > indent) throw new Error(`line ${line.number}: unexpected indentation`);
      const match = /^([\w.-]+):(?: (.*))?$/.exec(line.text);
      if (!match) throw new Error(`line ${line.number}: expected "key: value", got "${line.text}"`);
      const [, key, rest = ''] = match;
      if (Object.hasOwn(map, key!)) throw new Error(`line ${line.number}: duplicate key "${key}"`);
      this.index++;
      if (rest === '|') map[key!] = this.literal(indent, line.number);
      else if (rest !== '') map[key!] = scalar(rest, line.number);
      else {
        this.skipBlank();
        const next = this.peek();
        if (!next || next.indent <= indent) map[key!] = null;
        else map[key!] = this.block(next.indent);
      }
    }
  }

  /** A `|` block scalar: its lines, less their common indentation, with one final line break. */
  private literal(parentIndent: number, number: number): string {
    const body: string[] = [];
    let indent: number | undefined;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!;
      const blank = line.raw.trim() === '';
      if (!blank && line.indent <= parentIndent) break;
      if (!blank) indent ??= line.indent;
      if (!blank && line.indent < indent!) throw new Error(`line ${line.number}: less indented than the block scalar's first line`);
      body.push(blank ? '' : line.raw.slice(indent));
      this.index++;
    }
    if (indent === undefined) throw new Error(`line ${number}: empty block scalar`);
    while (body.at(-1) === '') body.pop();
    return `${body.join('\n')}\n`;
  }
}

function scalar(text: string, number: number): YamlValue {
  if (/^[[{&*!>|%@`]/.test(text)) throw new Error(`line ${number}: "${text}" uses YAML this reader does not accept`);
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new Error(`line ${number}: unterminated string`);
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new Error(`line ${number}: unterminated string`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/: |\s#/.test(text)) throw new Error(`line ${number}: quote "${text}"`);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** The line without a comment: `#` at its start or after a space, outside quotes. */
function stripComment(raw: string): string {
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      // A quote only opens a quoted scalar at the start of a value.
      if (/(^|: |- )\s*$/.test(raw.slice(0, i))) quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(raw[i - 1]!))) return raw.slice(0, i);
  }
  return raw;
}
