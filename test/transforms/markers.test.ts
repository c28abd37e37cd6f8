import { describe, expect, it } from 'vitest';
import { findMarkers, insertMarkers, markerComment } from '../../src/transforms/markers.js';
import { runRule } from '../../src/transforms/rule-findings.js';
import { transforms } from '../../transforms/index.js';
import { applyTransform } from './apply.js';

const url = 'https://example.com/rules/x.md';

function sourceCodeOf(text: string) {
  return runRule('no-ping', text, '/x.ts').sourceCode;
}

describe('markers', () => {
  it('have the design.md shape and cannot close their comment early', () => {
    expect(markerComment('no-ping', 'Remove the */ ping', url)).toBe(`/* mcp-migrate(no-ping): Remove the * / ping. ${url} */`);
  });

  it('go before the enclosing statement with its indentation, never into a string or template', () => {
    const text = "function f() {\n  const s = `a ${'-32002'} b`;\n}\n";
    const offset = text.indexOf("'-32002'");
    const { output, added } = insertMarkers(sourceCodeOf(text), [{ ruleId: 'no-ping', text: 'Do it', docsUrl: url, offset }]);
    expect(added).toBe(1);
    expect(output).toBe(`function f() {\n  /* mcp-migrate(no-ping): Do it. ${url} */\n  const s = \`a \${'-32002'} b\`;\n}\n`);
  });

  it('are not duplicated, on one statement or on a re-run', () => {
    const text = 'const a = 1, b = 2;\n';
    const requests = [0, 17].map((offset) => ({ ruleId: 'no-ping', text: 'Do it', docsUrl: url, offset }));
    const once = insertMarkers(sourceCodeOf(text), requests);
    expect(findMarkers(once.output)).toEqual([{ ruleId: 'no-ping', line: 1, text: `Do it. ${url}` }]);
    const twice = insertMarkers(sourceCodeOf(once.output), requests.map((r) => ({ ...r, offset: r.offset + once.output.indexOf('const') })));
    expect(twice).toEqual({ output: once.output, added: 0 });
  });
});

describe('stdio-serve on SDK v1', () => {
  it('leaves the file and says that --upgrade-sdk would enable it', async () => {
    const source = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nconst server = new McpServer({ name: 'n', version: '1' });\nawait server.connect(new StdioServerTransport());\n";
    const result = await applyTransform(transforms.find((t) => t.id === 'stdio-serve')!, '/x.ts', source);
    expect(result.output).toBe(source);
    expect(result.reports.join('\n')).toContain('--upgrade-sdk');
  });
});

describe('logging-to-request-log on SDK v1', () => {
  it('leaves a handler\'s sendLoggingMessage and says that --upgrade-sdk would enable it', async () => {
    const source = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nconst server = new McpServer({ name: 'n', version: '1' });\nserver.registerTool('t', {}, async (extra) => {\n  await server.sendLoggingMessage({ level: 'info', data: 'x' }, extra.sessionId);\n  return { content: [] };\n});\n";
    const result = await applyTransform(transforms.find((t) => t.id === 'logging-to-request-log')!, '/x.ts', source);
    expect(result.output).toBe(source);
    expect(result.reports.join('\n')).toContain('--upgrade-sdk');
  });
});
