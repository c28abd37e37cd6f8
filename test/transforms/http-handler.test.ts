import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-info.js';
import { runRule } from '../../src/transforms/rule-findings.js';
import { transforms } from '../../transforms/index.js';
import { applyTransform } from './apply.js';

const httpHandler = transforms.find((t) => t.id === 'http-handler')!;
const dir = join(packageRoot, 'test', 'fixtures', 'transforms', 'http-handler');

/**
 * The fixture test checks `require-modern-sdk-entry`, the rule http-handler resolves. A rewritten
 * endpoint also takes the session map, the session header reads and the `initialize` check with
 * it: every rule about 2025 HTTP hosting must be silent on an output that carries no marker.
 */
const hostingRules = ['require-modern-sdk-entry', 'no-session-state', 'no-session-id-header', 'no-standalone-get-stream', 'no-initialize-handshake'];

describe('http-handler', () => {
  const rewritten = readdirSync(dir).filter((name) => name.endsWith('.output.ts') && !readFileSync(join(dir, name), 'utf8').includes('/* mcp-migrate('));

  it('has rewritten endpoints to check', () => {
    expect(rewritten.length).toBeGreaterThan(1);
  });

  it.each(rewritten)('%s leaves no 2025 hosting behind', (name) => {
    const output = readFileSync(join(dir, name), 'utf8');
    for (const ruleId of hostingRules) {
      expect(runRule(ruleId, output, join(dir, name)).messages.map((m) => `${ruleId} ${m.line}: ${m.message}`)).toEqual([]);
    }
  });

  it('leaves SDK v1 files and says that --upgrade-sdk would enable it', async () => {
    const path = join(dir, 'v1-sdk.input.ts');
    const source = readFileSync(path, 'utf8');
    const result = await applyTransform(httpHandler, path, source);
    expect(result.output).toBe(source);
    expect(result.reports.join('\n')).toContain('--upgrade-sdk');
  });

  it('gives each endpoint its own handler name', async () => {
    const route = (path: string) =>
      `app.post('${path}', async (req, res) => {\n  const server = buildServer();\n  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n  await server.connect(transport);\n  await transport.handleRequest(req, res, req.body);\n});\n`;
    const source = `import express from 'express';\nimport { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';\nimport { buildServer } from './server.js';\n\nconst app = express();\n${route('/a')}${route('/b')}`;
    const { output } = await applyTransform(httpHandler, '/x.ts', source);
    expect(output).toContain('const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));');
    expect(output).toContain('const mcpHandler2 = toNodeHandler(createMcpHandler(() => buildServer()));');
    expect(output).toContain("app.get('/b', mcpHandler2);");
    expect(output).not.toContain('NodeStreamableHTTPServerTransport');
  });

  it('marks a sessionful endpoint whose map a shutdown loop uses for more than closing its transports', async () => {
    const source = `import { randomUUID } from 'node:crypto';
import express from 'express';
import { isInitializeRequest } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { buildServer } from './server.js';
import { audit } from './audit.js';

const app = express();
app.use(express.json());

const sessions = new Map<string, NodeStreamableHTTPServerTransport>();

app.post('/mcp', async (req, res) => {
  const sessionId = req.header('mcp-session-id');
  let transport = sessionId ? sessions.get(sessionId) : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => sessions.set(id, transport!),
    });
    await buildServer().connect(transport);
  }
  if (!transport) {
    res.status(400).send('No session');
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

process.on('SIGTERM', async () => {
  for (const [id, transport] of sessions) {
    await transport.close();
    await audit.record('session-closed', id);
  }
  process.exit(0);
});
`;
    const { output, stats } = await applyTransform(httpHandler, '/shutdown.ts', source);
    expect(stats.markers).toBe(1);
    expect(output).toContain('the transport map `sessions` is also used on line 31 by a loop that does more than close and forget its transports');
    expect(output.replace(/^ *\/\* mcp-migrate\(.*\n/m, '')).toBe(source);
  });
});
