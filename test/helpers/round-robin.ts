import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the balancer forwarded: where it went and what came back. */
export interface ForwardedRequest {
  method: string;
  path: string;
  instance: number;
  status: number;
  /** The request's headers as the client sent them (2026-07-28 clients name the call in `mcp-method` and `mcp-name`). */
  requestHeaders: IncomingHttpHeaders;
  responseHeaders: IncomingHttpHeaders;
  /** The JSON-RPC `method` of each message in the request body (a batch has several; a response or a non-JSON body none). */
  rpcMethods: string[];
}

/**
 * A small round-robin HTTP balancer on loopback, like a load balancer without session pinning:
 * request N goes to instance N mod k, so consecutive requests of one client land on different
 * server instances. It records every request, for assertions on routing, headers and the JSON-RPC
 * methods that reached the servers.
 */
export class RoundRobinBalancer {
  readonly forwarded: ForwardedRequest[] = [];
  private readonly server: Server;
  private next = 0;

  private constructor(private readonly ports: readonly number[]) {
    this.server = createServer((req, res) => {
      const instance = this.next++ % this.ports.length;
      const body: Buffer[] = [];
      req.on('data', (chunk: Buffer) => body.push(chunk));
      const upstream = request(
        { host: '127.0.0.1', port: this.ports[instance], method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          this.forwarded.push({
            method: req.method ?? '',
            path: req.url ?? '',
            instance,
            status: answer.statusCode ?? 0,
            responseHeaders: answer.headers,
            requestHeaders: req.headers,
            // The servers answer a POST once they have read its body, so the body is complete here.
            rpcMethods: rpcMethodsOf(Buffer.concat(body).toString('utf8')),
          });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`balancer: instance ${instance} failed: ${error.message}`);
      });
      req.pipe(upstream);
    });
  }

  static async start(ports: readonly number[]): Promise<RoundRobinBalancer> {
    const balancer = new RoundRobinBalancer(ports);
    await new Promise<void>((resolve) => balancer.server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function rpcMethodsOf(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const messages = Array.isArray(parsed) ? parsed : [parsed];
  return messages.flatMap((message) => (message && typeof message === 'object' && typeof (message as { method?: unknown }).method === 'string' ? [(message as { method: string }).method] : []));
}

/** A port free on loopback right now (the OS picks it; it is released before returning). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Starts `node <script>` with `env` and resolves once its output (stdout, or stderr where a
 * server logs) prints `ready` (a line the server writes when it listens); rejects with its
 * output if it exits or stays silent.
 */
export function startNodeServer(script: string, cwd: string, env: Record<string, string>, ready: RegExp, timeoutMs = 20_000): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${script} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Two running instances of a server behind a {@link RoundRobinBalancer}. */
export interface ServerPair {
  balancer: RoundRobinBalancer;
  /** Closes the balancer and stops both instances. */
  stop: () => Promise<void>;
}

/**
 * Two instances of a built server (`node dist/server.js` in `project`, ready once it prints
 * "listening on"), each on a free loopback port with `env(port)`, behind a round-robin balancer:
 * a deployment with no session pinning, so consecutive requests land on different instances.
 */
export async function startServerPair(project: string, env: (port: number) => Record<string, string> = (port) => ({ PORT: String(port) })): Promise<ServerPair> {
  const ports = [await freePort(), await freePort()];
  const started = await Promise.allSettled(ports.map((port) => startNodeServer('dist/server.js', project, env(port), /listening on/)));
  const instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopInstances = () => instances.forEach((instance) => instance.kill());
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    stopInstances();
    throw failure.reason;
  }
  const balancer = await RoundRobinBalancer.start(ports).catch((error: unknown) => {
    stopInstances();
    throw error;
  });
  return {
    balancer,
    stop: async () => {
      await balancer.close();
      stopInstances();
    },
  };
}
