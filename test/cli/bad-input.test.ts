import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonReport, mcpSource, runCli, tempProject } from '../helpers/cli.js';

describe('files the audit cannot check', () => {
  const latin1 = Buffer.concat([Buffer.from("import '@modelcontextprotocol/sdk';\n// caf"), Buffer.from([0xe9]), Buffer.from('\n')]);
  const binary = Buffer.concat([Buffer.from('@modelcontextprotocol/'), Buffer.from([0, 1, 2, 0, 255])]);
  const bigWithMcp = `import { McpError } from '@modelcontextprotocol/sdk/types.js';\n${'// padding\n'.repeat(300_000)}`;
  const bigWithoutMcp = `export const data = [\n${'  1,\n'.repeat(1_000_000)}];\n`;
  const files = {
    'src/good.ts': mcpSource.header,
    'src/broken.ts': "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nconst = McpError;\nexport {};\n",
    'src/latin1.ts': latin1,
    'src/binary.js': binary,
    'src/big.ts': bigWithMcp,
    'src/bundle.js': bigWithoutMcp,
    'src/bom.ts': `\uFEFF${mcpSource.header}`,
    'src/crlf.ts': mcpSource.header.replace(/\n/g, '\r\n'),
  };

  const dir = tempProject(files);
  const run = runCli(['audit', '--format', 'json', '.'], { cwd: dir });
  const report = jsonReport(run);
  const errorFor = (file: string) => report.errors.find((error) => error.file === file);

  it('reports each one with what happened and where, and keeps auditing the rest', () => {
    expect(report.errors.map((error) => error.file)).toEqual(['src/big.ts', 'src/binary.js', 'src/broken.ts', 'src/latin1.ts']);
    expect(errorFor('src/broken.ts')).toMatchObject({ line: 2, message: expect.stringContaining('Parsing error') });
    expect(errorFor('src/latin1.ts')?.message).toBe('not valid UTF-8 (first bad byte on line 2); re-encode it as UTF-8 or exclude it');
    expect(errorFor('src/binary.js')?.message).toContain('binary file');
    expect(errorFor('src/big.ts')?.message).toMatch(/over the 2\.0 MiB parse limit; raise --max-file-size or exclude it/);
    expect(report.findings.map((f) => f.file)).toEqual(['src/bom.ts', 'src/crlf.ts', 'src/good.ts']);
  });

  it('does not count a large file without MCP code as an error', () => {
    expect(errorFor('src/bundle.js')).toBeUndefined();
  });

  it('reports positions in BOM and CRLF files as an editor shows them', () => {
    for (const file of ['src/bom.ts', 'src/crlf.ts', 'src/good.ts']) {
      expect(report.findings.find((f) => f.file === file)).toMatchObject({ line: 3, column: 39 });
    }
  });

  it('exits with 1 and never changes a file', () => {
    expect(run.status).toBe(1);
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(join(dir, path)).equals(Buffer.from(content))).toBe(true);
    }
  });

  it('parses a large MCP file when --max-file-size allows it', () => {
    const raised = jsonReport(runCli(['audit', '--format', 'json', '--max-file-size', '8mb', 'src/big.ts'], { cwd: dir }));
    expect(raised.errors).toEqual([]);
  });
});
