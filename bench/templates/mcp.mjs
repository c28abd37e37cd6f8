import { capitalize } from '../random.mjs';

/**
 * MCP servers and clients in the legacy (SDK v1, protocol 2025) shapes of our fixture projects
 * (test/fixtures/projects/legacy-*): what `audit` must find, what `fix` rewrites and what the
 * official codemod moves to SDK v2. Identifiers, tool names and sizes vary with the random
 * source so no two files are copies.
 */

const domains = ['notes', 'tickets', 'weather', 'inventory', 'calendar', 'billing', 'docs', 'builds', 'alerts', 'contacts', 'deploys', 'metrics', 'recipes', 'library', 'fleet', 'payroll'];
const verbs = ['list', 'get', 'create', 'update', 'archive', 'search', 'export', 'sync'];

function names(rng) {
  const domain = rng.pick(domains);
  const entity = domain.endsWith('s') ? domain.slice(0, -1) : domain;
  const tools = [...new Set(Array.from({ length: rng.int(2, 5) }, () => rng.pick(verbs)))].map((verb) => `${verb}_${entity}`);
  return { domain, entity, Entity: capitalize(entity), tools, port: rng.int(3000, 3999), version: `${rng.int(0, 3)}.${rng.int(0, 20)}.${rng.int(0, 9)}` };
}

function registerTools(n, server, withExtra) {
  return n.tools
    .map(
      (tool) => `
${server}.registerTool(
  '${tool}',
  {
    title: '${capitalize(tool.replace('_', ' '))}',
    description: '${capitalize(tool.split('_')[0])} a ${n.entity} in the ${n.domain} store.',
    inputSchema: { id: z.string(), note: z.string().optional() },
  },
  async ({ id, note }${withExtra ? ', extra' : ''}) => {
    const item = await store.find(id);
    if (!item) {
      return { isError: true, content: [{ type: 'text', text: \`No ${n.entity} \${id}\` }] };
    }${withExtra ? `
    await ${server}.sendLoggingMessage({ level: 'info', logger: '${n.domain}', data: \`${tool} \${id}\` }, extra.sessionId);` : ''}
    return { content: [{ type: 'text', text: JSON.stringify({ ...item, note }) }] };
  },
);`,
    )
    .join('\n');
}

const store = (n) => `
interface ${n.Entity} {
  id: string;
  title: string;
  updatedAt: string;
}

const items = new Map<string, ${n.Entity}>();
const store = {
  async find(id: string): Promise<${n.Entity} | undefined> {
    return items.get(id);
  },
  async all(): Promise<${n.Entity}[]> {
    return [...items.values()];
  },
};`;

/** A stdio server: logging capability, roots, sampling, oninitialized, server.connect(new StdioServerTransport()). */
function stdioServer(rng) {
  const n = names(rng);
  return `#!/usr/bin/env node
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, McpError, SetLevelRequestSchema, type LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
${store(n)}

const server = new McpServer(
  { name: '${n.domain}-mcp', version: '${n.version}' },
  { capabilities: { logging: {} } },
);

let level: LoggingLevel = 'info';

server.server.oninitialized = () => {
  const client = server.server.getClientVersion();
  console.error(\`connected to \${client?.name ?? 'a client'}\`);
};

server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
  level = request.params.level;
  return {};
});

async function workspaceFolders(): Promise<string[]> {
  const { roots } = await server.server.listRoots();
  return roots.map((root) => root.uri);
}
${registerTools(n, 'server', true)}

server.registerTool(
  'summarize_${n.domain}',
  { title: 'Summarize', description: 'Summarize every ${n.entity} with the client model.' },
  async () => {
    const all = await store.all();
    if (all.length === 0) throw new McpError(ErrorCode.InvalidParams, 'nothing to summarize');
    const folders = await workspaceFolders();
    const answer = await server.server.createMessage({
      messages: [{ role: 'user', content: { type: 'text', text: all.map((item) => item.title).join('\\n') } }],
      maxTokens: ${rng.int(200, 900)},
      includeContext: 'thisServer',
    });
    return { content: [{ type: 'text', text: \`\${folders.length} folders, level \${level}: \${JSON.stringify(answer.content)}\` }] };
  },
);

await server.connect(new StdioServerTransport());
`;
}

/** Streamable HTTP hosting with a session-keyed transport map, isInitializeRequest, Mcp-Session-Id and -32002. */
function httpServer(rng) {
  const n = names(rng);
  const transports = rng.pick(['transports', 'sessions', 'openTransports', 'bySession']);
  return `import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { McpError, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
${store(n)}

function buildServer(): McpServer {
  const server = new McpServer({ name: '${n.domain}-http', version: '${n.version}' }, { capabilities: { logging: {} } });
${registerTools(n, 'server', true)
  .split('\n')
  .map((line) => (line ? `  ${line}` : line))
  .join('\n')}

  server.registerResource(
    '${n.entity}',
    new ResourceTemplate('${n.domain}://{id}', { list: undefined }),
    { title: '${n.Entity}', mimeType: 'application/json' },
    async (uri, { id }) => {
      const item = await store.find(String(id));
      if (!item) throw new McpError(-32002, \`Resource \${uri} not found\`);
      return { contents: [{ uri: uri.href, text: JSON.stringify(item) }] };
    },
  );
  return server;
}

const ${transports}: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req: Request, res: Response) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && ${transports}[sessionId]) {
    transport = ${transports}[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        ${transports}[id] = transport;
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) delete ${transports}[transport.sessionId];
    };
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session ID' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.get('/mcp', async (req: Request, res: Response) => {
  const sessionId = req.header('mcp-session-id');
  const transport = sessionId ? ${transports}[sessionId] : undefined;
  if (!transport) {
    res.status(400).send('Invalid or missing session ID');
    return;
  }
  await transport.handleRequest(req, res);
});

app.listen(${n.port}, () => console.log('${n.domain} MCP server on :${n.port}/mcp'));
`;
}

/** A client: v1 Client without version negotiation, a stored session id, terminateSession(), -32002 checks. */
function client(rng) {
  const n = names(rng);
  const clientName = rng.pick(['client', 'mcp', 'remote', 'upstream']);
  return `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

const url = new URL(process.env.${n.domain.toUpperCase()}_MCP_URL ?? 'http://localhost:${n.port}/mcp');
let savedSession: string | undefined;

export async function connect${n.Entity}(): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(url, { sessionId: savedSession });
  const ${clientName} = new Client({ name: '${n.domain}-cli', version: '${n.version}' });
  await ${clientName}.connect(transport);
  savedSession = transport.sessionId;
  const capabilities = ${clientName}.getServerCapabilities();
  if (!capabilities?.tools) throw new Error('the ${n.domain} server offers no tools');
  return ${clientName};
}

export async function read${n.Entity}(${clientName}: Client, id: string): Promise<string | undefined> {
  try {
    const result = await ${clientName}.readResource({ uri: \`${n.domain}://\${id}\` });
    const first = result.contents[0];
    return first && 'text' in first ? first.text : undefined;
  } catch (error) {
    if (error instanceof McpError && error.code === -32002) return undefined;
    throw error;
  }
}
${n.tools
  .map(
    (tool) => `
export async function ${tool.replace(/_(\w)/, (_, c) => c.toUpperCase())}(${clientName}: Client, args: Record<string, unknown>) {
  const result = await ${clientName}.callTool({ name: '${tool}', arguments: args });
  return result.isError ? undefined : result.content;
}`,
  )
  .join('\n')}

export async function disconnect(${clientName}: Client, transport: StreamableHTTPClientTransport): Promise<void> {
  await transport.terminateSession();
  savedSession = undefined;
  await ${clientName}.close();
}
`;
}

/** A hand-rolled JSON-RPC endpoint: initialize, ping, logging/setLevel, tools/list without resultType. */
function handRolled(rng) {
  const n = names(rng);
  return `import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

const SESSION_HEADER = 'Mcp-Session-Id';
const sessions = new Map<string, { level: string; clientName?: string }>();

const tools = [${n.tools.map((tool) => `\n  { name: '${tool}', description: '${capitalize(tool.replace('_', ' '))}', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },`).join('')}
];

async function body(req: IncomingMessage): Promise<{ id?: number | string; method: string; params?: Record<string, unknown> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function reply(res: ServerResponse, id: unknown, result: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
}

createServer(async (req, res) => {
  const message = await body(req);
  const sessionId = req.headers['mcp-session-id'];
  switch (message.method) {
    case 'initialize': {
      const id = randomUUID();
      sessions.set(id, { level: 'info', clientName: String((message.params?.clientInfo as { name?: string })?.name) });
      res.setHeader(SESSION_HEADER, id);
      reply(res, message.id, {
        protocolVersion: '2025-06-18',
        capabilities: { tools: { listChanged: true }, logging: {} },
        serverInfo: { name: '${n.domain}-rpc', version: '${n.version}' },
      });
      return;
    }
    case 'notifications/initialized':
      res.writeHead(202).end();
      return;
    case 'ping':
      reply(res, message.id, {});
      return;
    case 'logging/setLevel': {
      const session = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
      if (session) session.level = String(message.params?.level);
      reply(res, message.id, {});
      return;
    }
    case 'tools/list':
      reply(res, message.id, { tools });
      return;
    case 'resources/read':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, error: { code: -32002, message: 'Resource not found' } }));
      return;
    default:
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } }));
  }
}).listen(${n.port});
`;
}

/** Push-style elicitation and experimental tasks inside tool handlers. */
function elicitingServer(rng) {
  const n = names(rng);
  return `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
${store(n)}

const server = new McpServer(
  { name: '${n.domain}-admin', version: '${n.version}' },
  { capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } } },
);

server.registerTool(
  'delete_${n.entity}',
  { title: 'Delete ${n.entity}', description: 'Delete a ${n.entity} after asking the user.', inputSchema: { id: z.string() } },
  async ({ id }) => {
    const item = await store.find(id);
    if (!item) return { isError: true, content: [{ type: 'text', text: \`No ${n.entity} \${id}\` }] };
    if (server.server.getClientCapabilities()?.elicitation) {
      const answer = await server.server.elicitInput({
        message: \`Delete "\${item.title}"?\`,
        requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] },
      });
      if (answer.action !== 'accept' || answer.content?.confirm !== true) {
        return { content: [{ type: 'text', text: 'Kept.' }] };
      }
    }
    items.delete(id);
    server.sendToolListChanged();
    return { content: [{ type: 'text', text: \`Deleted \${id}\` }] };
  },
);
${registerTools(n, 'server', false)}

await server.connect(new StdioServerTransport());
`;
}

export const mcpShapes = [
  ['stdio-server', stdioServer, 3],
  ['http-server', httpServer, 3],
  ['client', client, 2],
  ['hand-rolled', handRolled, 1],
  ['eliciting-server', elicitingServer, 1],
];

/** One MCP file of a shape chosen by weight. */
export function mcpFile(rng) {
  const [kind, render] = rng.weighted(mcpShapes.map(([kind, render, weight]) => [[kind, render], weight]));
  return { kind, text: render(rng) };
}
