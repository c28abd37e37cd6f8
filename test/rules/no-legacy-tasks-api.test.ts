import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-legacy-tasks-api.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-legacy-tasks-api` (reference §15.10 rows T1–T13, T15, T16; design.md
 * principle 3 for the other task systems that must stay silent: A2A, job queues, workflow
 * engines, todo apps, timers).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

const sdk = (api: string) => ({ api });
const what = (text: string) => ({ what: text });

ruleTester.run('no-legacy-tasks-api', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // The 2026-07-28 Tasks extension, hand-rolled: the shapes to migrate to.
    // ---------------------------------------------------------------------------------
    valid(
      'a hand-rolled server speaking the io.modelcontextprotocol/tasks extension',
      code`
        const TASKS = 'io.modelcontextprotocol/tasks';

        export async function handle(request: JsonRpcRequest): Promise<unknown> {
          switch (request.method) {
            case 'server/discover':
              return {
                resultType: 'complete',
                supportedVersions: ['2026-07-28'],
                capabilities: { tools: {}, extensions: { [TASKS]: {} } },
                ttlMs: 0,
                cacheScope: 'private',
              };
            case 'tools/call': {
              const task = await jobs.start(request.params);
              return { resultType: 'task', taskId: task.id, status: 'working', createdAt: task.at, lastUpdatedAt: task.at, ttlMs: 60_000, pollIntervalMs: 2_000 };
            }
            case 'tasks/get': {
              const task = await jobs.get(request.params.taskId);
              return { resultType: 'complete', taskId: task.id, status: task.status, ttlMs: 60_000, result: task.result };
            }
            case 'tasks/update':
              await jobs.answer(request.params.taskId, request.params.inputResponses);
              return { resultType: 'complete' };
            case 'tasks/cancel':
              await jobs.cancel(request.params.taskId);
              return { resultType: 'complete' };
            case 'tasks/result':
            case 'tasks/list':
              throw new JsonRpcError(-32601, \`Method not found: \${request.method}\`);
          }
        }
      `,
    ),
    valid(
      'a hand-rolled client polling tasks/get after a task result',
      code`
        export async function callSlowTool(rpc: Rpc) {
          const result = await rpc.request('tools/call', {
            name: 'render',
            arguments: {},
            _meta: { 'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } } },
          });
          if (result.resultType !== 'task') return result;
          let task = result;
          while (task.status === 'working') {
            await sleep(task.pollIntervalMs ?? 1000);
            task = await rpc.request('tasks/get', { taskId: result.taskId });
          }
          return task.result;
        }
      `,
    ),
    valid(
      'tests asserting that the removed methods are gone',
      code`
        import { expect, it } from 'vitest';

        it('no longer routes the 2025 task methods', async () => {
          expect(routedMethods(server)).not.toContain('tasks/list');
          expect(sent).not.toContainEqual(expect.objectContaining({ method: 'tasks/result' }));
        });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // A2A: its own tasks/get, tasks/cancel, tasks/list, and its own InMemoryTaskStore.
    // ---------------------------------------------------------------------------------
    valid(
      'an A2A JSON-RPC server: tasks/send, tasks/get, tasks/cancel, tasks/list',
      code`
        export async function a2aDispatch(request) {
          switch (request.method) {
            case 'tasks/send':
              return { jsonrpc: '2.0', id: request.id, result: await agent.run(request.params) };
            case 'tasks/get':
              return { jsonrpc: '2.0', id: request.id, result: store.get(request.params.id) };
            case 'tasks/list':
              return { jsonrpc: '2.0', id: request.id, result: { tasks: store.all() } };
            case 'tasks/cancel': {
              const task = store.get(request.params.id);
              task.status = { state: 'canceled' };
              return { jsonrpc: '2.0', id: request.id, result: task };
            }
          }
        }
      `,
    ),
    valid(
      "the A2A SDK's InMemoryTaskStore and DefaultRequestHandler",
      code`
        import { DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';

        const taskStore = new InMemoryTaskStore();
        const handler = new DefaultRequestHandler(agentCard, taskStore, executor);
        const task = await taskStore.load(taskId);
        console.log(task?.status.state);
      `,
    ),
    valid(
      'an MCP tool that forwards to an A2A agent and reads its task',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { A2AClient } from '@a2a-js/sdk/client';

        const server = new McpServer({ name: 'bridge', version: '1.0.0' });
        const agent = new A2AClient('https://agent.example.com');

        server.registerTool('ask_agent', { inputSchema: { question: z.string() } }, async ({ question }) => {
          const response = await agent.sendMessage({ message: { role: 'user', parts: [{ kind: 'text', text: question }] } });
          const task = response.result;
          return { content: [{ type: 'text', text: \`\${task.id}: \${task.status.state}\` }] };
        });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Job queues, workflow engines, todo apps and timers inside MCP servers.
    // ---------------------------------------------------------------------------------
    valid(
      'BullMQ jobs behind an MCP tool',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { Queue } from 'bullmq';

        const queue = new Queue('crawl');
        const server = new McpServer({ name: 'crawler', version: '1.0.0' });

        server.registerTool('crawl', { inputSchema: { url: z.string() } }, async ({ url }) => {
          const job = await queue.add('crawl', { url, taskId: randomUUID() });
          return { content: [{ type: 'text', text: \`queued \${job.id}\` }], structuredContent: { task: { id: job.id, status: 'queued' } } };
        });

        server.registerTool('crawl_status', { inputSchema: { id: z.string() } }, async ({ id }) => {
          const job = await queue.getJob(id);
          const state = await job?.getState();
          return { content: [{ type: 'text', text: String(state) }] };
        });
      `,
    ),
    valid(
      'a todo app: task objects with taskId and status, listTasks(), a tasks/list route',
      code`
        import express from 'express';

        const app = express();
        app.get('/api/tasks', async (req, res) => {
          const tasks = await taskManager.listTasks({ owner: req.user.id });
          res.json({ tasks });
        });
        app.post('/api/tasks', async (req, res) => {
          const task = { taskId: randomUUID(), status: 'open', ttl: 3600, title: req.body.title };
          await db.insert(task);
          res.json({ task });
        });
        socket.on('tasks/list', () => socket.emit('tasks', taskManager.listTasks()));
      `,
    ),
    valid(
      "a job queue's Task with no MCP at all: ids, statuses, a ttl and an execution policy",
      code`
        export class Task<T> {
          constructor(readonly taskId: string, readonly payload: T, public status: 'queued' | 'failed' | 'completed' = 'queued', readonly ttl = 60_000) {}
        }

        export const worker = {
          name: 'thumbnails',
          execution: { concurrency: 4, retries: 3 },
          async run(task: Task<string>) {
            const result = await render(task.payload);
            return { task: { taskId: task.taskId, status: result.isError ? 'failed' : 'completed', ttl: task.ttl } };
          },
        };
      `,
    ),
    valid(
      'a todo-list MCP server: task items with taskId, status and ttl in structuredContent',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'todo', version: '1.0.0' });

        server.registerTool('add_task', { inputSchema: { title: z.string() } }, async ({ title }) => {
          const task = { taskId: randomUUID(), status: 'open', ttl: 7 * 86_400, title };
          await todos.save(task);
          return { content: [{ type: 'text', text: \`Added \${task.taskId}\` }], structuredContent: { task } };
        });

        server.registerTool('list_tasks', {}, async () => {
          const tasks = await todos.listTasks();
          const open = tasks.filter((task) => task.status === 'open');
          return { content: [{ type: 'text', text: open.map((t) => t.title).join(', ') }], structuredContent: { task: { taskId: open[0]?.taskId, status: 'open' } } };
        });

        server.registerTool('complete_task', { inputSchema: { taskId: z.string() } }, async ({ taskId }) => {
          await todos.complete(taskId);
          return { content: [{ type: 'text', text: \`Completed \${taskId}\` }] };
        });
        server.tool('reopen_task', { taskId: z.string() }, async ({ taskId }, extra) => {
          await todos.reopen(taskId, extra.authInfo?.clientId);
          return { content: [{ type: 'text', text: 'reopened' }] };
        });
      `,
    ),
    valid(
      'Temporal workflows and Celery tasks',
      code`
        import { Client } from '@temporalio/client';
        import celery from 'celery-node';

        const temporal = new Client();
        const handle = await temporal.workflow.start(renderVideo, { taskQueue: 'render', workflowId: id });
        const description = await handle.describe();
        console.log(description.status.name);

        const worker = celery.createClient('redis://', 'redis://');
        const task = worker.createTask('tasks.add');
        const result = task.applyAsync([1, 2]);
        console.log(await result.get());
      `,
    ),
    valid(
      "setTimeout 'tasks' and an object with a task key that is not an MCP call's params",
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const client = new Client({ name: 'scheduler', version: '1.0.0' });
        const task = setTimeout(() => void client.ping(), 30_000);
        scheduler.schedule({ task: { ttl: 60_000, run: refresh } });
        const result = await client.callTool({ name: 'plan', arguments: { task: { title: 'Write report', ttl: 3 } } });
        console.log(result.content, task);
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Lookalikes of the shapes the bundled legacy examples use: registerToolTask
    // handlers, callToolStream options, task helpers of hand-rolled servers, tool
    // definitions recognised by their shape.
    // ---------------------------------------------------------------------------------
    valid(
      'a job queue processor with createTask/getTask/getTaskResult methods in an MCP server file',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'jobs', version: '1.0.0' });
        queue.registerProcessor('render', {
          createTask: async (payload, { taskId, taskStore }) => taskStore.insert({ taskId, payload }),
          getTask: async (_payload, { taskId, taskStore }) => taskStore.find(taskId),
          getTaskResult: async (_payload, { taskId, taskStore }) => taskStore.result(taskId),
        });
      `,
    ),
    valid(
      "another framework's tasks.registerToolTask, in a file that does not import MCP",
      code`
        import { Planner } from '@acme/planner';

        const planner = new Planner();
        planner.tasks.registerToolTask('summarize', { inputSchema: { url: 'string' } }, {
          createTask: async ({ url }, { taskStore, taskId }) => {
            await taskStore.put(taskId, url);
            return { task: { taskId, status: 'queued' } };
          },
          getTask: async (_args, { taskId, taskStore }) => taskStore.get(taskId),
          getTaskResult: async (_args, { taskId, taskStore }) => taskStore.result(taskId),
        });
      `,
    ),
    valid(
      "another agent SDK's experimental.tasks.callToolStream with a task option, in a file that does not import MCP",
      code`
        import { Agents } from '@acme/agents';

        const agents = new Agents();
        const stream = agents.experimental.tasks.callToolStream({ name: 'search', arguments: {} }, undefined, { task: { ttl: 60_000 } });
      `,
    ),
    valid(
      'a CI status helper that says failed for isError, feeding a status without a taskId',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'ci', version: '1.0.0' });

        function buildStatus(run) {
          return run.isError ? 'failed' : 'completed';
        }

        server.registerTool('ci_status', { inputSchema: { runId: z.string() } }, async ({ runId }) => {
          const run = await ci.get(runId);
          const summary = { runId, status: buildStatus(run) };
          log.info(\`run \${runId}: \${buildStatus(run)}\`);
          return { content: [{ type: 'text', text: JSON.stringify(summary) }] };
        });
      `,
    ),
    valid(
      "a hand-rolled server's todo helper with taskId, status and ttl, returned as a tool's structuredContent",
      code`
        function toTodo(item) {
          return { taskId: item.id, status: item.done ? 'done' : 'open', ttl: item.snoozeSeconds };
        }

        export function handle(message) {
          switch (message.method) {
            case 'tools/list':
              return { tools: TOOLS };
            case 'tools/call': {
              const item = todos.get(message.params.arguments.id);
              return { content: [{ type: 'text', text: item.title }], structuredContent: toTodo(item) };
            }
          }
        }
      `,
    ),
    valid(
      'functions of a hand-rolled server reading a task field of tool arguments, and of a non-MCP method',
      code`
        export async function handlePost(message) {
          const { params = {} } = message;
          switch (message.method) {
            case 'tools/list':
              return { tools: TOOLS };
            case 'tools/call':
              return runTool(String(params.name), params.arguments ?? {});
            case 'todo/add':
              return addTodo(params);
          }
        }

        function runTool(name, params) {
          if (name === 'add_task') return { content: [{ type: 'text', text: todos.add(params.task) }] };
          return { content: [] };
        }

        function addTodo(params) {
          const { task } = params;
          return { task: todos.add(task) };
        }
      `,
    ),
    valid(
      'a tasks/cancel branch that assigns the empty ack, and keeps the cancelled task for its log',
      code`
        let lastCancelled;

        export async function handlePost(message, res) {
          const { id, params = {} } = message;
          let result;
          switch (message.method) {
            case 'tools/list':
              result = { tools: TOOLS };
              break;
            case 'tasks/cancel': {
              const job = findJob(params);
              jobs.cancel(job.id);
              lastCancelled = toTask(job);
              result = { resultType: 'complete' };
              break;
            }
          }
          log.info(lastCancelled);
          res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
        }
      `,
    ),
    valid(
      'an execution.taskSupport that is not a tool definition: CI steps without inputSchema, a boolean flag',
      code`
        export const steps = [
          { name: 'build', execution: { taskSupport: 'optional', retries: 2 } },
          { name: 'test', execution: { taskSupport: 'required', retries: 0 } },
        ];

        export const plugin = { name: 'scheduler', inputSchema: { type: 'object' }, execution: { taskSupport: true } };
      `,
    ),
    // A command-line tool running one method picked by a flag: every branch goes through the
    // client wrapper, whose own request is where tasks/list or tasks/result is sent. Nothing
    // here answers them, and the object built for tasks/cancel is the tool's output.
    valid(
      'a CLI dispatching --method values to a client wrapper, tasks/* included',
      code`
        import type { Tool } from '@modelcontextprotocol/client';
        import type { ProbeClient } from './probe-client';

        export async function runOne(probe: ProbeClient, opts: { method: string; taskId?: string; cursor?: string }) {
          let output: unknown;
          if (opts.method === 'tools/list') {
            output = { tools: (await probe.listTools(opts.cursor)) as Tool[] };
          } else if (opts.method === 'resources/list') {
            output = await probe.listResources(opts.cursor);
          } else if (opts.method === 'tasks/list') {
            output = await probe.listTasks(opts.cursor);
          } else if (opts.method === 'tasks/result') {
            output = await probe.fetchTaskPayload(opts.taskId!);
          } else if (opts.method === 'tasks/cancel') {
            await probe.abortTask(opts.taskId!);
            output = { cancelled: true, taskId: opts.taskId, status: 'cancelled' };
          }
          return output;
        }
      `,
    ),
    // Method names used as data: a predicate's argument, a UI label looked up by a test, a
    // story's props, the options object of a CLI runner, and log entries of past traffic.
    valid(
      'tasks/* names as labels, predicate arguments, CLI options and traffic-log entries',
      code`
        import type { Tool } from '@modelcontextprotocol/client';
        import { isStreaming, runOne } from './cli';
        import { render, screen } from '@testing-library/react';

        const seen = { id: 'entry-1', timestamp: Date.now(), direction: 'outgoing' };

        it('labels removed methods', async () => {
          expect(isStreaming('tasks/list')).toBe(false);
          render(<MethodChip method="tasks/list" />);
          expect(screen.getByText('tasks/result')).toBeTruthy();
          await runOne(probe, { method: 'tasks/list' });
          await runOne(probe, { method: 'tasks/result', taskId: 'abc' });
          history.push({ ...seen, message: { jsonrpc: '2.0', id: 9, method: 'tasks/list' } });
        });

        export const Chip = { args: { method: 'tasks/result' } };
        export type Row = Tool;
      `,
      { filename: 'file.tsx' },
    ),
    // A server of the 2026-07-28 extension whose runtime class builds the answers: its cancel
    // method is named like a task call but returns the empty acknowledgement.
    valid(
      'a tasks/cancel handler returning what an extension runtime method builds',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        class ExtensionTasks {
          private readonly entries = new Map<string, { status: string }>();

          cancelTask(taskId: string) {
            const entry = this.entries.get(taskId);
            if (entry) entry.status = 'cancelled';
            return { resultType: 'complete' };
          }
        }

        const runtime = new ExtensionTasks();
        export function mount(registry: Map<string, (request: { params: { taskId: string } }) => unknown>, server: McpServer) {
          registry.set('tools/list', () => ({ tools: [] }));
          registry.set('tasks/cancel', async (request) => {
            return runtime.cancelTask(request.params.taskId);
          });
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // SDK v2 still exports the 2025 task types as deprecated interop: a client that models
    // tasks with them in its own state, props and test factories sends nothing.
    // ---------------------------------------------------------------------------------
    valid(
      "SDK v2's Task and TaskStatus types as a client's own model: props, status sets, test factories",
      code`
        import type { ListTasksResult, Task, TaskStatus } from '@modelcontextprotocol/client';
        import type { GetTaskResultSchema } from '@modelcontextprotocol/core';

        const FINISHED: ReadonlySet<Task['status']> = new Set(['completed', 'failed', 'cancelled']);

        export interface TaskRowProps {
          task: Task;
          filter?: TaskStatus;
          onPick(task: Task): void;
        }

        export function TaskRow({ task, onPick }: TaskRowProps) {
          return <li className={FINISHED.has(task.status) ? 'done' : 'busy'} onClick={() => onPick(task)}>{task.taskId}</li>;
        }

        export type PolledTask = Omit<Task, 'ttl'> & { ttlMs?: number };
        export type TaskPage = Pick<ListTasksResult, 'tasks' | 'nextCursor'>;
        export type Polled = z.infer<typeof GetTaskResultSchema>;

        function aTask(taskId: string, status: TaskStatus = 'working'): Task {
          return { taskId, status, ttl: null, createdAt: '2026-01-01T00:00:00Z', lastUpdatedAt: '2026-01-01T00:00:00Z' };
        }
        it('marks finished tasks', () => {
          render(<TaskRow task={aTask('t1', 'completed')} onPick={vi.fn()} />);
        });
      `,
      { filename: 'TaskRow.tsx' },
    ),
    // A client UI rendering what 2025 servers advertise: tool fixtures with
    // `execution.taskSupport` and an initialize result with `capabilities.tasks`, handed to
    // components as props or story args and nowhere else.
    valid(
      'tool and capability fixtures of a Storybook story',
      code`
        import type { Meta, StoryObj } from '@storybook/react';
        import type { InitializeResult, Tool } from '@modelcontextprotocol/client';
        import { ServerPanel } from './ServerPanel';

        const backgroundTool: Tool = {
          name: 'index_repo',
          inputSchema: { type: 'object' },
          execution: { taskSupport: 'optional' },
        };

        const legacyServer: InitializeResult = {
          protocolVersion: '2025-06-18',
          capabilities: { tools: {}, tasks: { list: {}, cancel: {} } },
          serverInfo: { name: 'indexer', version: '0.3.0' },
        };

        const meta: Meta<typeof ServerPanel> = { component: ServerPanel };
        export default meta;

        export const WithTaskTool: StoryObj<typeof ServerPanel> = {
          args: { tools: [backgroundTool], initializeResult: legacyServer },
        };
      `,
      { filename: 'ServerPanel.stories.tsx' },
    ),
    valid(
      'tool and capability fixtures of a component test: a builder in JSX, a props object spread',
      code`
        import type { InitializeResult, ServerCapabilities, Tool } from '@modelcontextprotocol/client';
        import { render, screen } from '@testing-library/react';
        import { ToolList } from './ToolList';

        const withTasks: ServerCapabilities = { tools: {}, tasks: { requests: { tools: { call: {} } } } };
        const connected: InitializeResult = { protocolVersion: '2025-11-25', capabilities: withTasks, serverInfo: { name: 'jobs', version: '1.0.0' } };

        const tools: Tool[] = [
          { name: 'quick', inputSchema: { type: 'object' } },
          { name: 'slow', inputSchema: { type: 'object' }, execution: { taskSupport: 'required' } },
        ];

        const toolWith = (taskSupport: 'forbidden' | 'optional' | 'required'): Tool => ({
          name: 'job',
          inputSchema: { type: 'object' },
          execution: { taskSupport },
        });

        function props(overrides = {}) {
          return { tools, initializeResult: connected, onRun: vi.fn(), ...overrides };
        }

        it('offers a background run only for task tools', () => {
          render(<ToolList {...props()} />);
          render(<ToolList {...props({ tools: [toolWith('optional')] })} />);
          expect(screen.getByLabelText('Run in background')).toBeTruthy();
        });
      `,
      { filename: 'ToolList.test.tsx' },
    ),
    // Tests that check what 2025 code did, on a mock or on a message that came in: the code
    // under test is where the finding is.
    valid(
      'expectations about the 2025 task API: a mocked registerToolTask, relatedTask, a nested task, the related-task key',
      code`
        import { RELATED_TASK_META_KEY } from '@modelcontextprotocol/sdk/types.js';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        it('registers the research tool as a task', () => {
          const server = { experimental: { tasks: { registerToolTask: vi.fn() } } };
          registerResearch(server);
          expect(server.experimental.tasks.registerToolTask).toHaveBeenCalled();
          expect(sendRequest).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.objectContaining({ relatedTask: { taskId: 't1' } }));
        });

        it('tags progress with the task', async () => {
          const client = new Client({ name: 'probe', version: '1.0.0' });
          const result = await client.callTool({ name: 'render', arguments: {} });
          expect(result.task).toBeDefined();
          expect(progressEvents[0]._meta?.[RELATED_TASK_META_KEY]).toEqual({ taskId: 't1' });
        });
      `,
    ),
    // A client reading the related-task key of the sampling and elicitation requests a 2025
    // server sends, to show which task asked: nothing goes out.
    valid(
      'a client reading the related-task key of incoming requests',
      code`
        import { RELATED_TASK_META_KEY } from '@modelcontextprotocol/client';

        export class PendingSample {
          readonly taskId?: string;
          constructor(readonly request: { params?: { _meta?: Record<string, { taskId: string } | undefined> } }) {
            this.taskId = request.params?._meta?.[RELATED_TASK_META_KEY]?.taskId;
          }
        }

        export function taskOf(meta: Record<string, unknown>) {
          if (!('io.modelcontextprotocol/related-task' in meta)) return undefined;
          const { ['io.modelcontextprotocol/related-task']: related } = meta;
          return related;
        }
      `,
    ),
    // A fake transport in a client test plays a 2025 server and injects its tasks/list: the
    // client's tasks/list handler is what gets reported.
    valid(
      'a fake transport injecting tasks/list into the client under test',
      code`
        import { Client } from '@modelcontextprotocol/client';

        it('forgets receiver tasks on reconnect', async () => {
          const transport = new ScriptedTransport();
          const client = new Client({ name: 'probe', version: '1.0.0' }, { capabilities: {} });
          await client.connect(transport);
          expect(await transport.injectRequest('tasks/list', 41)).toMatchObject({ result: { tasks: [] } });
        });
      `,
    ),
    // A CLI whose --method router prepares state in one if-chain and prints in a second one
    // that tests the same method again; and a test double standing in for the client's
    // request method, which looks at what the client sends.
    valid(
      "a CLI router testing tasks/list in two chains, and a test double over client.request",
      code`
        import type { McpClient } from './client';

        export async function runMethod(client: McpClient, args: { method: string; cursor?: string; name?: string }) {
          let tasks;
          if (args.method === 'tools/list') {
            await client.listTools(args.cursor);
          } else if (args.method === 'tasks/list') {
            tasks = new TaskPager(client);
            await tasks.load();
          }
          let output;
          if (args.method === 'tools/call') {
            output = await client.callTool({ name: args.name!, arguments: {} });
          } else if (args.method === 'prompts/list') {
            output = await client.listPrompts(args.cursor);
          } else if (args.method === 'tasks/list') {
            output = { tasks: tasks.all() };
          }
          return output;
        }

        export function fakeTaskPayload(client: McpClient, payload: unknown) {
          const original = client.request.bind(client);
          client.request = (req, schema, options) => (req.method === 'tasks/result' ? Promise.resolve(payload) : original(req, schema, options));
        }
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // T1, T15: SDK v1 server with the task capability, store and queue.
    // ---------------------------------------------------------------------------------
    invalid(
      'v1 McpServer with the tasks capability, task store and message queue (ESM, deep imports)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { InMemoryTaskMessageQueue, InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';

        const taskStore = new InMemoryTaskStore();
        const server = new McpServer(
          { name: 'renderer', version: '1.0.0' },
          {
            capabilities: { tools: {}, logging: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
            taskStore,
            taskMessageQueue: new InMemoryTaskMessageQueue(),
            defaultTaskPollInterval: 2000,
          },
        );
      `,
      [
        { messageId: 'usesSdkTasksApi', at: "'@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js'", data: sdk('The `@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js` module') },
        { messageId: 'usesSdkTasksApi', at: 'new InMemoryTaskStore()', data: sdk('`new InMemoryTaskStore()`') },
        { messageId: 'serverTasksCapability', at: 'tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } }' },
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: '    taskStore,', data: sdk('The `taskStore` option of `new McpServer()`') },
        { messageId: 'usesSdkTasksApi', at: 'taskMessageQueue: new InMemoryTaskMessageQueue()', data: sdk('The `taskMessageQueue` option of `new McpServer()`') },
        { messageId: 'usesSdkTasksApi', at: 'new InMemoryTaskMessageQueue()', data: sdk('`new InMemoryTaskMessageQueue()`') },
        { messageId: 'usesSdkTasksApi', at: 'defaultTaskPollInterval: 2000', data: sdk('The `defaultTaskPollInterval` option of `new McpServer()`') },
      ],
    ),
    invalid(
      'v1 low-level Server with the tasks capability, in JavaScript with require',
      code`
        const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
        const { InMemoryTaskStore } = require('@modelcontextprotocol/sdk/experimental/tasks');

        const server = new Server(
          { name: 'renderer', version: '1.0.0' },
          { capabilities: { tools: {}, tasks: { requests: { tools: { call: {} } } } }, taskStore: new InMemoryTaskStore() },
        );
      `,
      [
        { messageId: 'usesSdkTasksApi', at: "'@modelcontextprotocol/sdk/experimental/tasks'", data: sdk('The `@modelcontextprotocol/sdk/experimental/tasks` module') },
        { messageId: 'serverTasksCapability', at: 'tasks: { requests: { tools: { call: {} } } }' },
        { messageId: 'usesSdkTasksApi', at: 'taskStore: new InMemoryTaskStore()', data: sdk('The `taskStore` option of `new Server()`') },
        { messageId: 'usesSdkTasksApi', at: 'new InMemoryTaskStore()', data: sdk('`new InMemoryTaskStore()`') },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'capabilities held in a constant, and registerCapabilities()',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const capabilities = { tools: {}, tasks: { list: {}, cancel: {} } };
        const server = new McpServer({ name: 'jobs', version: '2.0.0' }, { capabilities });
        server.server.registerCapabilities({ tasks: { requests: { tools: { call: {} } } } });
      `,
      [
        { messageId: 'serverTasksCapability', at: 'tasks: { list: {}, cancel: {} }' },
        { messageId: 'serverTasksCapability', at: 'tasks: { requests: { tools: { call: {} } } }' },
      ],
    ),
    invalid(
      'a hand-rolled initialize result with the tasks capability',
      code`
        export function handle(message) {
          switch (message.method) {
            case 'initialize':
              return {
                protocolVersion: '2025-11-25',
                capabilities: { tools: { listChanged: false }, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
                serverInfo: { name: 'renderer', version: '1.0.0' },
              };
            case 'tools/list':
              return { tools: TOOLS };
          }
        }
      `,
      [{ messageId: 'serverTasksCapability', at: 'tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } }' }],
    ),

    // ---------------------------------------------------------------------------------
    // T2: client task capability.
    // ---------------------------------------------------------------------------------
    invalid(
      'v2 Client with the tasks capability (aliased import), and a hand-rolled envelope',
      code`
        import { Client as McpClient } from '@modelcontextprotocol/client';

        const client = new McpClient(
          { name: 'desk', version: '1.0.0' },
          { capabilities: { elicitation: {}, tasks: { list: {}, requests: { elicitation: { create: {} }, sampling: { createMessage: {} } } } } },
        );

        const body = {
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/list',
          params: { _meta: { 'io.modelcontextprotocol/clientCapabilities': { tasks: { list: {} } } } },
        };
      `,
      [
        { messageId: 'clientTasksCapability', at: 'tasks: { list: {}, requests: { elicitation: { create: {} }, sampling: { createMessage: {} } } }' },
        { messageId: 'clientTasksCapability', at: 'tasks: { list: {} }', inside: "'io.modelcontextprotocol/clientCapabilities': { tasks: { list: {} } }" },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T3: execution.taskSupport.
    // ---------------------------------------------------------------------------------
    invalid(
      'execution.taskSupport on registerTool (v2) and in a low-level tools/list result (v1 namespace import)',
      code`
        import * as sdk from '@modelcontextprotocol/sdk/types.js';
        import { McpServer } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'video', version: '1.0.0' });
        server.registerTool('render', { description: 'Render a video', execution: { taskSupport: 'optional' } }, async () => render());

        lowLevel.setRequestHandler(sdk.ListToolsRequestSchema, async () => ({
          tools: [{ name: 'render', inputSchema: { type: 'object' }, execution: { taskSupport: 'required' } }],
        }));
      `,
      [
        { messageId: 'declaresTaskSupport', at: "execution: { taskSupport: 'optional' }" },
        { messageId: 'declaresTaskSupport', at: "execution: { taskSupport: 'required' }" },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T4: task-augmented requests, sent and read.
    // ---------------------------------------------------------------------------------
    invalid(
      'client.callTool with task params and options (v1), and a hand-rolled tools/call',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const client = new Client({ name: 'desk', version: '1.0.0' });
        await client.callTool({ name: 'render', arguments: { scene: 1 }, task: { ttl: 60_000 } });
        await client.callTool({ name: 'render', arguments: {} }, undefined, { task: { ttl: 30_000 } });

        await fetch(url, {
          method: 'POST',
          body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'render', arguments: {}, task: { ttl: 60000 } } }),
        });
      `,
      [
        { messageId: 'sendsTaskParam', at: 'task: { ttl: 60_000 }' },
        { messageId: 'sendsTaskParam', at: 'task: { ttl: 30_000 }' },
        { messageId: 'sendsTaskParam', at: 'task: { ttl: 60000 }' },
      ],
    ),
    // The other direction: a server asking the client to host the elicitation or the sampling
    // call as a task. The client-hosted side of Tasks is gone, so the advice differs.
    invalid(
      'a server asking the client to run elicitation/create and sampling/createMessage as tasks (v1)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'survey', version: '1.0.0' });
        server.registerTool('ask', { description: 'Ask the user, in the background', inputSchema: {} }, async (_args, extra) => {
          const question = {
            method: 'elicitation/create' as const,
            params: { message: 'Which region?', requestedSchema: { type: 'object', properties: {} }, task: { ttl: 300_000 } },
          };
          await extra.sendRequest(question, ElicitResultSchema);
          process.stdout.write(JSON.stringify({
            jsonrpc: '2.0',
            id: 41,
            method: 'sampling/createMessage',
            params: { messages: [], maxTokens: 64, task: { ttl: 30_000 } },
          }));
          return { content: [] };
        });
      `,
      [
        { messageId: 'requestsClientTask', at: 'task: { ttl: 300_000 }', data: { method: 'elicitation/create' } },
        { messageId: 'requestsClientTask', at: 'task: { ttl: 30_000 }', data: { method: 'sampling/createMessage' } },
      ],
    ),
    invalid(
      'a tools/call handler that reads params.task and returns the nested task (v1 low-level Server)',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new Server({ name: 'renderer', version: '1.0.0' }, { capabilities: { tools: {} } });
        server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
          const taskParams = request.params.task;
          if (!taskParams) return { content: [{ type: 'text', text: await renderNow(request.params.arguments) }] };
          const task = await jobs.create({ ttl: taskParams.ttl });
          return { task };
        });
      `,
      [
        { messageId: 'readsTaskParam', at: 'request.params.task' },
        { messageId: 'returnsNestedTask', at: 'task', inside: 'return { task };' },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T5, T6: the nested task handle, returned and read.
    // ---------------------------------------------------------------------------------
    invalid(
      'a hand-rolled tools/call result and a tasks/get result with the 2025 field names',
      code`
        export function onMessage(message, send) {
          switch (message.method) {
            case 'tools/call': {
              const job = jobs.start(message.params);
              send({ jsonrpc: '2.0', id: message.id, result: { task: { taskId: job.id, status: 'working', ttl: 60000, pollInterval: 1000 } } });
              return;
            }
            case 'tasks/get': {
              const job = jobs.get(message.params.taskId);
              send({ jsonrpc: '2.0', id: message.id, result: { taskId: job.id, status: job.status, ttl: 60000, pollInterval: 1000 } });
              return;
            }
          }
        }
      `,
      [
        { messageId: 'returnsNestedTask', at: "task: { taskId: job.id, status: 'working', ttl: 60000, pollInterval: 1000 }" },
        { messageId: 'renamedTaskField', at: 'ttl: 60000', nth: 2, data: { field: 'ttl', replacement: 'ttlMs' } },
        { messageId: 'renamedTaskField', at: 'pollInterval: 1000', nth: 2, data: { field: 'pollInterval', replacement: 'pollIntervalMs' } },
      ],
    ),
    invalid(
      'a client reading result.task.taskId, .ttl and .pollInterval (v1) and destructuring task',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function startRender(client: Client) {
          const result = await client.callTool({ name: 'render', arguments: {} });
          schedule(result.task.taskId, result.task?.pollInterval ?? 1000, result.task.ttl);
          const { task } = await client.callTool({ name: 'export', arguments: {} });
          return task;
        }
      `,
      [
        // One report per result: its later reads are the same handle.
        { messageId: 'readsNestedTask', at: 'result.task.taskId', data: { path: 'result.task.taskId' } },
        { messageId: 'readsNestedTask', at: 'task', inside: 'const { task } =', data: { path: "await client.callTool({ name: 'export', arguments: {} }).task" } },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T7, T8: tasks/result and tasks/list.
    // ---------------------------------------------------------------------------------
    invalid(
      'tasks/result and tasks/list handlers: SDK schemas (v1 namespace and named), a dispatch table',
      code`
        import * as types from '@modelcontextprotocol/sdk/types.js';
        import { GetTaskPayloadRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        server.setRequestHandler(GetTaskPayloadRequestSchema, async (request) => waitForResult(request.params.taskId));
        server.setRequestHandler(types.ListTasksRequestSchema, async () => ({ tasks: store.all() }));

        const routes = {
          'tools/list': listTools,
          'tools/call': callTool,
          'tasks/result': taskResult,
          'tasks/list': (params) => ({ tasks: store.page(params.cursor) }),
        };
      `,
      [
        { messageId: 'usesTasksResult', at: 'GetTaskPayloadRequestSchema', nth: 2, data: what('`GetTaskPayloadRequestSchema`') },
        { messageId: 'usesTasksList', at: 'types.ListTasksRequestSchema', data: what('`ListTasksRequestSchema`') },
        { messageId: 'usesTasksResult', at: "'tasks/result'", data: what('handled here') },
        { messageId: 'usesTasksList', at: "'tasks/list'", data: what('handled here') },
      ],
    ),
    invalid(
      'a client sending tasks/result and tasks/list, also through a constant',
      code`
        const TASKS_LIST = 'tasks/list';

        export async function drain(rpc, taskId) {
          const tools = await rpc.call({ method: 'tools/list', params: {} });
          const result = await rpc.call({ method: 'tasks/result', params: { taskId } });
          const all = await rpc.call({ method: TASKS_LIST, params: {} });
          return { tools, result, all };
        }
      `,
      [
        { messageId: 'usesTasksResult', at: "'tasks/result'", data: what('sent here') },
        { messageId: 'usesTasksList', at: 'TASKS_LIST', nth: 2, data: what('sent here') },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T9: tasks/cancel returning a task.
    // ---------------------------------------------------------------------------------
    invalid(
      'tasks/cancel handlers that return the task (v1 schema, hand-rolled switch)',
      code`
        import { CancelTaskRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        server.setRequestHandler(CancelTaskRequestSchema, async (request) => {
          await store.updateTaskStatus(request.params.taskId, 'cancelled');
          return await store.getTask(request.params.taskId);
        });

        export function route(msg) {
          switch (msg.method) {
            case 'resources/read':
              return readResource(msg.params.uri);
            case 'tasks/cancel': {
              const task = jobs.cancel(msg.params.taskId);
              return { ...task, status: 'cancelled' };
            }
          }
        }
      `,
      [
        // The registration's schema needs no report of its own beside what its handler returns.
        { messageId: 'cancelReturnsTask', at: 'await store.getTask(request.params.taskId)' },
        { messageId: 'cancelReturnsTask', at: "{ ...task, status: 'cancelled' }" },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T10, T11, T16: the status notification and the task _meta keys.
    // ---------------------------------------------------------------------------------
    invalid(
      'notifications/tasks/status sent and handled; related-task and model-immediate-response _meta',
      code`
        import { CallToolRequestSchema, RELATED_TASK_META_KEY, TaskStatusNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

        client.setNotificationHandler(TaskStatusNotificationSchema, (notification) => progress.update(notification.params));

        server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
          const task = await jobs.start(request.params);
          await extra.sendNotification({ method: 'notifications/tasks/status', params: task });
          return {
            task,
            _meta: { 'io.modelcontextprotocol/model-immediate-response': 'Rendering has started.' },
          };
        });

        const elicit = {
          method: 'elicitation/create',
          params: { message: 'Confirm?', _meta: { [RELATED_TASK_META_KEY]: { taskId }, 'io.modelcontextprotocol/related-task': { taskId } } },
        };
        await server.request(elicit, ElicitResultSchema, { relatedTask: { taskId } });
      `,
      [
        { messageId: 'usesTaskStatusNotification', at: 'TaskStatusNotificationSchema', nth: 2, data: what('`TaskStatusNotificationSchema`') },
        { messageId: 'usesTaskStatusNotification', at: "'notifications/tasks/status'", data: what('sent here') },
        { messageId: 'returnsNestedTask', at: 'task', inside: '    task,\n' },
        { messageId: 'usesImmediateResponseMeta', at: "'io.modelcontextprotocol/model-immediate-response'" },
        { messageId: 'usesRelatedTaskMeta', at: 'RELATED_TASK_META_KEY', nth: 2, data: what('`RELATED_TASK_META_KEY`') },
        { messageId: 'usesRelatedTaskMeta', at: "'io.modelcontextprotocol/related-task'", data: what('the `_meta` key') },
        { messageId: 'usesRelatedTaskMeta', at: 'relatedTask: { taskId }', data: what('the SDK `relatedTask` option') },
      ],
    ),

    invalid(
      "SDK v2's deprecated interop exports: a 2025 result built under its type, the related-task key, a task schema",
      code`
        import { RELATED_TASK_META_KEY, type CreateTaskResult, type Task } from '@modelcontextprotocol/server';
        import { GetTaskResultSchema } from '@modelcontextprotocol/core';

        export function toLegacyResult(task: Task) {
          const reply: CreateTaskResult = { task, _meta: { [RELATED_TASK_META_KEY]: { taskId: task.taskId } } };
          return reply;
        }
        export const sameTask = (a: Task, b: Task) => a.taskId === b.taskId;
        export const isPolledTask = (value: unknown) => GetTaskResultSchema.safeParse(value).success;
      `,
      [
        // The types of the parameters send nothing; the result typed as a 2025 message is built here.
        { messageId: 'usesLegacyTaskShape', at: 'CreateTaskResult', nth: 2, data: sdk('`CreateTaskResult`') },
        { messageId: 'usesRelatedTaskMeta', at: 'RELATED_TASK_META_KEY', nth: 2, data: what('`RELATED_TASK_META_KEY`') },
        { messageId: 'usesLegacyTaskShape', at: 'GetTaskResultSchema', nth: 2, data: sdk('`GetTaskResultSchema`') },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T13: failed for isError results.
    // ---------------------------------------------------------------------------------
    invalid(
      'a task store marking tool errors as failed',
      code`
        import type { TaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';

        export async function finish(store: TaskStore, taskId: string, result: CallToolResult) {
          await store.storeTaskResult(taskId, result.isError ? 'failed' : 'completed', result);
        }

        export async function fail(store, taskId, message) {
          await store.storeTaskResult(taskId, 'failed', { content: [{ type: 'text', text: message }], isError: true });
        }

        export function settle(tasks: Map<string, object>, taskId: string, result: CallToolResult) {
          tasks.set(taskId, { taskId, status: result.isError ? 'failed' : 'completed', result });
        }
      `,
      [
        { messageId: 'usesSdkTasksApi', at: "'@modelcontextprotocol/sdk/experimental/tasks/interfaces.js'", data: sdk('The `@modelcontextprotocol/sdk/experimental/tasks/interfaces.js` module') },
        { messageId: 'usesSdkTasksApi', at: 'TaskStore', inside: 'store: TaskStore', data: sdk('`TaskStore`') },
        { messageId: 'failsTaskOnToolError', at: "result.isError ? 'failed' : 'completed'", nth: 1 },
        { messageId: 'failsTaskOnToolError', at: "'failed'", inside: "taskId, 'failed', {" },
        { messageId: 'failsTaskOnToolError', at: "result.isError ? 'failed' : 'completed'", nth: 2 },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // T15: SDK v1 experimental accessors and handler context.
    // ---------------------------------------------------------------------------------
    invalid(
      'registerToolTask, elicitInputStream and extra.taskStore on v1 servers',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'renderer', version: '1.0.0' });
        server.experimental.tasks.registerToolTask('render', { inputSchema: { scene: z.number() } }, {
          async createTask({ scene }, { taskStore, taskRequestedTtl }) {
            return { task: await taskStore.createTask({ ttl: taskRequestedTtl }) };
          },
          getTask: (_args, extra) => extra.taskStore.getTask(extra.taskId),
          getTaskResult: (_args, extra) => extra.taskStore.getTaskResult(extra.taskId),
        });
        const stream = server.server.experimental.tasks.elicitInputStream({ message: 'Continue?', requestedSchema });

        server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
          const { taskId } = extra;
          await extra.taskStore?.updateTaskStatus(taskId, 'working');
          return { content: [] };
        });
      `,
      [
        { messageId: 'usesSdkTasksApi', at: 'server.experimental.tasks.registerToolTask', data: sdk('`server.experimental.tasks.registerToolTask()`') },
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: '{ taskStore, taskRequestedTtl }', data: sdk('`taskStore` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'taskRequestedTtl', inside: '{ taskStore, taskRequestedTtl }', data: sdk('`taskRequestedTtl` of the handler context') },
        { messageId: 'returnsNestedTask', at: 'task: await taskStore.createTask({ ttl: taskRequestedTtl })' },
        // One report per statement: `extra.taskId` beside `extra.taskStore` adds nothing.
        { messageId: 'usesSdkTasksApi', at: 'extra.taskStore', inside: 'extra.taskStore.getTask(', data: sdk('`extra.taskStore`') },
        { messageId: 'usesSdkTasksApi', at: 'extra.taskStore', inside: 'extra.taskStore.getTaskResult(', data: sdk('`extra.taskStore`') },
        { messageId: 'usesSdkTasksApi', at: 'server.server.experimental.tasks.elicitInputStream', data: sdk('`server.server.experimental.tasks.elicitInputStream()`') },
        { messageId: 'usesSdkTasksApi', at: 'taskId', inside: 'const { taskId } = extra', data: sdk('`taskId` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'extra.taskStore', inside: 'await extra.taskStore?.', data: sdk('`extra.taskStore`') },
      ],
    ),
    invalid(
      'client.experimental.tasks: callToolStream, getTaskResult, listTasks (v1, typed parameter)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

        export async function run(client: Client) {
          const stream = client.experimental.tasks.callToolStream({ name: 'render', arguments: {} }, CallToolResultSchema, { task: { ttl: 60000 } });
          for await (const message of stream) if (message.type === 'result') return message.result;
          const payload = await client.experimental.tasks.getTaskResult(id, CallToolResultSchema);
          const { tasks } = await client.experimental.tasks.listTasks();
          return { payload, tasks };
        }
      `,
      [
        { messageId: 'usesSdkTasksApi', at: 'client.experimental.tasks.callToolStream', data: sdk('`client.experimental.tasks.callToolStream()`') },
        { messageId: 'sendsTaskParam', at: 'task: { ttl: 60000 }' },
        { messageId: 'usesSdkTasksApi', at: 'client.experimental.tasks.getTaskResult', data: sdk('`client.experimental.tasks.getTaskResult()`') },
        { messageId: 'usesSdkTasksApi', at: 'client.experimental.tasks.listTasks', data: sdk('`client.experimental.tasks.listTasks()`') },
      ],
    ),
    invalid(
      'handler context destructured in the parameter list, and the experimental barrel (JavaScript)',
      code`
        import * as experimental from '@modelcontextprotocol/sdk/experimental';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'x', version: '1.0.0' });
        server.registerTool('poll', {}, async ({ taskStore, taskId }) => {
          const task = await taskStore.getTask(taskId);
          return { content: [{ type: 'text', text: experimental.isTerminal(task.status) ? 'done' : 'working' }] };
        });
      `,
      [
        { messageId: 'usesSdkTasksApi', at: "'@modelcontextprotocol/sdk/experimental'", data: sdk('The `@modelcontextprotocol/sdk/experimental` module') },
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: '({ taskStore, taskId })', data: sdk('`taskStore` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'taskId', inside: '({ taskStore, taskId })', data: sdk('`taskId` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'experimental.isTerminal', data: sdk('`isTerminal`') },
      ],
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // The shapes of the bundled legacy examples: registerToolTask handlers, callToolStream
    // options, task helpers and functions called from a hand-rolled dispatch, tool
    // definitions in a module with no MCP import of its own.
    // ---------------------------------------------------------------------------------
    invalid(
      'registerToolTask handlers with an inputSchema: tool arguments first, then the destructured context (T5, T15)',
      code`
        import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

        export function registerIndexTool(server: McpServer) {
          server.experimental.tasks.registerToolTask(
            'index_workspace',
            { inputSchema: { project: z.string().optional() } },
            {
              createTask: async ({ project }, { taskStore, taskRequestedTtl }) => {
                const task = await taskStore.createTask({ ttl: taskRequestedTtl ?? 900_000, pollInterval: 2_000 });
                void buildIndex(project).then((result) => taskStore.storeTaskResult(task.taskId, 'completed', result));
                return { task };
              },
              getTask: async (_args, { taskId, taskStore }) => taskStore.getTask(taskId),
              getTaskResult: async (_args, { taskId, taskStore }) => (await taskStore.getTaskResult(taskId)) as CallToolResult,
            },
          );
        }
      `,
      [
        { messageId: 'usesSdkTasksApi', at: 'server.experimental.tasks.registerToolTask', data: sdk('`server.experimental.tasks.registerToolTask()`') },
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: '{ taskStore, taskRequestedTtl }', data: sdk('`taskStore` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'taskRequestedTtl', inside: '{ taskStore, taskRequestedTtl }', data: sdk('`taskRequestedTtl` of the handler context') },
        { messageId: 'returnsNestedTask', at: 'task', inside: 'return { task };' },
        { messageId: 'usesSdkTasksApi', at: 'taskId', inside: 'getTask: async (_args, { taskId, taskStore })', data: sdk('`taskId` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: 'getTask: async (_args, { taskId, taskStore })', data: sdk('`taskStore` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'taskId', inside: 'getTaskResult: async (_args, { taskId, taskStore })', data: sdk('`taskId` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: 'getTaskResult: async (_args, { taskId, taskStore })', data: sdk('`taskStore` of the handler context') },
      ],
    ),
    invalid(
      'registerToolTask without an inputSchema: the context comes first; the handler held in a constant (JavaScript, require)',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');

        const server = new McpServer({ name: 'indexer', version: '1.0.0' });
        const reindexHandler = {
          async createTask({ taskStore }) {
            return { task: await taskStore.createTask({}) };
          },
          getTask: (extra) => extra.taskStore.getTask(extra.taskId),
          getTaskResult: ({ taskStore, taskId }) => taskStore.getTaskResult(taskId),
        };
        server.experimental.tasks.registerToolTask('reindex', { description: 'Rebuild the index' }, reindexHandler);
      `,
      [
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: 'createTask({ taskStore })', data: sdk('`taskStore` of the handler context') },
        { messageId: 'returnsNestedTask', at: 'task: await taskStore.createTask({})' },
        { messageId: 'usesSdkTasksApi', at: 'extra.taskStore', data: sdk('`extra.taskStore`') },
        { messageId: 'usesSdkTasksApi', at: 'taskStore', inside: '({ taskStore, taskId }) =>', data: sdk('`taskStore` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'taskId', inside: '({ taskStore, taskId }) =>', data: sdk('`taskId` of the handler context') },
        { messageId: 'usesSdkTasksApi', at: 'server.experimental.tasks.registerToolTask', data: sdk('`server.experimental.tasks.registerToolTask()`') },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'registerToolTask with an inputSchema: tool arguments named taskId are not the handler context',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'retries', version: '1.0.0' });
        server.experimental.tasks.registerToolTask('retry_job', { inputSchema: { taskId: z.string() } }, {
          createTask: async ({ taskId }, ctx) => retries.start(taskId, ctx),
          getTask: async ({ taskId }, ctx) => retries.status(taskId, ctx),
          getTaskResult: async ({ taskId }, ctx) => retries.result(taskId, ctx),
        });
      `,
      [{ messageId: 'usesSdkTasksApi', at: 'server.experimental.tasks.registerToolTask', data: sdk('`server.experimental.tasks.registerToolTask()`') }],
    ),
    invalid(
      'callToolStream options with task: { ttl } (T4); a task field of the tool arguments is not one',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

        const RUNBOOK_TTL_MS = 2 * 60 * 60 * 1000;

        export async function runRunbook(client: Client, runbook: string) {
          const stream = client.experimental.tasks.callToolStream(
            { name: 'run_runbook', arguments: { runbook, task: { title: runbook } } },
            CallToolResultSchema,
            { task: { ttl: RUNBOOK_TTL_MS }, timeout: RUNBOOK_TTL_MS },
          );
          for await (const message of stream) if (message.type === 'result') return message.result;
        }
      `,
      [
        { messageId: 'usesSdkTasksApi', at: 'client.experimental.tasks.callToolStream', data: sdk('`client.experimental.tasks.callToolStream()`') },
        { messageId: 'sendsTaskParam', at: 'task: { ttl: RUNBOOK_TTL_MS }' },
      ],
    ),
    invalid(
      'callToolStream with task params on an untraced client, in a file that imports the SDK (JavaScript)',
      code`
        const { CallToolResultSchema } = require('@modelcontextprotocol/sdk/types.js');

        async function render(client) {
          for await (const message of client.experimental.tasks.callToolStream({ name: 'render', arguments: {}, task: { ttl: 60000 } }, CallToolResultSchema)) {
            if (message.type === 'result') return message.result;
          }
        }
      `,
      [
        { messageId: 'usesSdkTasksApi', at: 'client.experimental.tasks.callToolStream', data: sdk('`client.experimental.tasks.callToolStream()`') },
        { messageId: 'sendsTaskParam', at: 'task: { ttl: 60000 }' },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'a task-status helper of a hand-rolled server that says failed for isError results (T13)',
      code`
        function taskStatus(job) {
          switch (job.state) {
            case 'queued':
            case 'running':
              return 'working';
            case 'failed':
              return 'failed';
            case 'succeeded':
              return job.result?.isError ? 'failed' : 'completed';
          }
        }
        const statusOf = (job) => (job.output.isError ? 'failed' : 'completed');

        function toTask(job) {
          return { taskId: job.id, status: taskStatus(job), createdAt: job.createdAt, lastUpdatedAt: job.updatedAt };
        }

        export function handle(message) {
          switch (message.method) {
            case 'tools/list':
              return { tools: TOOLS };
            case 'tasks/get':
              return toTask(jobs.get(message.params.taskId));
          }
        }

        jobs.on('settled', (job) => tasks.set(job.id, { taskId: job.id, status: statusOf(job) }));
      `,
      [
        { messageId: 'failsTaskOnToolError', at: "job.result?.isError ? 'failed' : 'completed'" },
        { messageId: 'failsTaskOnToolError', at: "job.output.isError ? 'failed' : 'completed'" },
      ],
    ),
    invalid(
      'a toTask() helper whose object a tasks/get branch sends as the result, and one sent as status notification params (T5, T6)',
      code`
        const TASK_POLL_INTERVAL_MS = 2_000;

        function toTask(job) {
          return {
            taskId: job.id,
            status: job.state,
            createdAt: job.createdAt.toISOString(),
            lastUpdatedAt: job.updatedAt.toISOString(),
            ttl: job.retainMs,
            pollInterval: TASK_POLL_INTERVAL_MS,
          };
        }
        const snapshot = (job) => ({ taskId: job.id, status: job.state, ttl: job.retainMs });

        export async function handlePost(message, res) {
          const { id, params = {} } = message;
          let result;
          switch (message.method) {
            case 'tools/list':
              result = { tools: TOOLS };
              break;
            case 'tasks/get':
              result = toTask(jobs.get(String(params.taskId)));
              break;
          }
          res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
        }

        function notifyTaskStatus(stream, job) {
          writeEvent(stream, { jsonrpc: '2.0', method: 'notifications/tasks/status', params: snapshot(job) });
        }
      `,
      [
        { messageId: 'renamedTaskField', at: 'ttl: job.retainMs', nth: 1, data: { field: 'ttl', replacement: 'ttlMs' } },
        { messageId: 'renamedTaskField', at: 'pollInterval: TASK_POLL_INTERVAL_MS', data: { field: 'pollInterval', replacement: 'pollIntervalMs' } },
        { messageId: 'renamedTaskField', at: 'ttl: job.retainMs', nth: 2, data: { field: 'ttl', replacement: 'ttlMs' } },
        { messageId: 'usesTaskStatusNotification', at: "'notifications/tasks/status'", data: what('sent here') },
      ],
    ),
    invalid(
      'a callTool() function that the tools/call branch calls: it reads params.task and returns the nested task (T4, T5)',
      code`
        async function callTool(id, params, session) {
          const tool = TOOLS.find((candidate) => candidate.name === params.name);
          const task = params.task as { ttl?: number } | undefined;
          if (task) {
            const job = jobs.enqueue(() => run(tool, params.arguments), { retainMs: task.ttl });
            return { task: toTask(job) };
          }
          return { content: [{ type: 'text', text: await run(tool, params.arguments) }] };
        }

        export async function handlePost(message, res, session) {
          const { id, params = {} } = message;
          let result;
          switch (message.method) {
            case 'tools/list':
              result = { tools: TOOLS };
              break;
            case 'tools/call':
              result = await callTool(id, params, session);
              break;
          }
          res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
        }
      `,
      [
        { messageId: 'readsTaskParam', at: 'params.task' },
        { messageId: 'returnsNestedTask', at: 'task: toTask(job)' },
      ],
    ),
    invalid(
      'a function an if-chain dispatch returns for tools/call, destructuring task from the request params (T4, T5)',
      code`
        export function route(request) {
          if (request.method === 'tools/list') return { tools: TOOLS };
          if (request.method === 'tools/call') return startTool(request.params);
        }

        function startTool(params) {
          const { task, name } = params;
          if (task) return { task: queue.start(name, task.ttl) };
          return runNow(name);
        }
      `,
      [
        { messageId: 'readsTaskParam', at: 'task', inside: 'const { task, name }' },
        { messageId: 'returnsNestedTask', at: 'task: queue.start(name, task.ttl)' },
      ],
    ),
    invalid(
      'a tools/call handler destructuring params from the request (v1 low-level Server)',
      code`
        import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        server.setRequestHandler(CallToolRequestSchema, async ({ params }, extra) => {
          if (params.task) return { task: await jobs.create(params) };
          return runNow(params);
        });
      `,
      [
        { messageId: 'readsTaskParam', at: 'params.task' },
        { messageId: 'returnsNestedTask', at: 'task: await jobs.create(params)' },
      ],
    ),
    invalid(
      'a tasks/cancel branch that assigns the task to the result it sends, instead of returning it (T9)',
      code`
        export async function handlePost(message, res) {
          const { id, params = {} } = message;
          let result;
          switch (message.method) {
            case 'tools/list':
              result = { tools: TOOLS };
              break;
            case 'tasks/cancel': {
              const job = findJob(params);
              if (!jobs.cancel(job.id)) throw new RpcError(-32602, 'already finished');
              result = toTask(job);
              break;
            }
          }
          res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
        }

        export function onCancel(id, params) {
          let answer;
          if (params.method === 'tasks/cancel') answer = { ...jobs.cancel(params.taskId), status: 'cancelled' };
          reply(id, answer);
        }
      `,
      [
        { messageId: 'cancelReturnsTask', at: 'toTask(job)' },
        { messageId: 'cancelReturnsTask', at: "{ ...jobs.cancel(params.taskId), status: 'cancelled' }" },
      ],
    ),
    invalid(
      'tool definitions with execution.taskSupport in a tools module with no MCP import, recognised by their shape (T3)',
      code`
        export interface ToolDefinition {
          name: string;
          inputSchema: object;
          execution?: { taskSupport: 'forbidden' | 'optional' | 'required' };
        }

        const TASK_SUPPORT = 'required';

        export function scriptTools(scripts: Record<string, string>): ToolDefinition[] {
          return Object.entries(scripts).map(([script, command]): ToolDefinition => ({
            name: \`run_\${script}\`,
            description: \`Runs \${command}\`,
            inputSchema: { type: 'object', properties: {} },
            execution: { taskSupport: 'optional' },
          }));
        }

        export const BUILD_TOOL: ToolDefinition = { name: 'build', inputSchema: { type: 'object' }, execution: { taskSupport: TASK_SUPPORT } };
      `,
      [
        { messageId: 'declaresTaskSupport', at: "execution: { taskSupport: 'optional' }" },
        { messageId: 'declaresTaskSupport', at: 'execution: { taskSupport: TASK_SUPPORT }' },
      ],
    ),

    invalid(
      'the task _meta keys written in a helper module with no MCP import or method name (T2, T11, T16)',
      code`
        export function relayMeta(taskId: string): Record<string, unknown> {
          return {
            'io.modelcontextprotocol/related-task': { taskId },
            'io.modelcontextprotocol/model-immediate-response': 'Working on it.',
          };
        }

        export function withTaskCapabilities(params: Record<string, unknown>) {
          return { ...params, _meta: { 'io.modelcontextprotocol/clientCapabilities': { tasks: { requests: { sampling: { createMessage: {} } } } } } };
        }
      `,
      [
        { messageId: 'usesRelatedTaskMeta', at: "'io.modelcontextprotocol/related-task'", data: what('the `_meta` key') },
        { messageId: 'usesImmediateResponseMeta', at: "'io.modelcontextprotocol/model-immediate-response'" },
        { messageId: 'clientTasksCapability', at: 'tasks: { requests: { sampling: { createMessage: {} } } }' },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // A server polling a task it asked the client to host: no-server-to-client-requests
    // leaves tasks/result and tasks/list to this rule, with the client-hosted advice.
    // ---------------------------------------------------------------------------------
    invalid(
      'a server sending tasks/result to the client: a v1 tool handler, and a task handler context',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';
        import type { CreateTaskRequestHandlerExtra } from './task-types';

        const server = new McpServer({ name: 'survey', version: '1.0.0' });
        server.registerTool('collect', { description: 'Collect the answer', inputSchema: { handle: z.string() } }, async ({ handle }, extra) => {
          const answer = await extra.sendRequest({ method: 'tasks/result', params: { taskId: String(handle) } }, z.any());
          return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
        });

        export async function payloadOf(extra: CreateTaskRequestHandlerExtra, clientTaskId: string) {
          return extra.sendRequest({ method: 'tasks/result', params: { taskId: clientTaskId } }, z.any());
        }
      `,
      [
        { messageId: 'pollsClientTask', at: "'tasks/result'", nth: 1, data: { method: 'tasks/result' } },
        { messageId: 'pollsClientTask', at: "'tasks/result'", nth: 2, data: { method: 'tasks/result' } },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // One report per call, registration and result: the method name and the schema of the
    // same registration, the helper a tasks/cancel handler returns, a result read twice.
    // ---------------------------------------------------------------------------------
    invalid(
      'a v2 client hosting 2025 tasks: registrations with method names and schemas, a cancel helper',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import { CancelTaskRequestSchema, ListTasksRequestSchema, ListTasksResultSchema, TaskStatusNotificationSchema } from '@modelcontextprotocol/core';

        export class TaskHost {
          private readonly client = new Client({ name: 'host', version: '1.0.0' });
          private readonly tasks = new Map<string, { taskId: string; status: string }>();

          register() {
            this.client.setRequestHandler('tasks/list', { params: ListTasksRequestSchema.shape.params }, async () => ({ tasks: [...this.tasks.values()] }));
            this.client.setRequestHandler('tasks/cancel', { params: CancelTaskRequestSchema.shape.params }, async (params) => this.cancelTask(params.taskId));
          }

          private cancelTask(taskId: string) {
            const cancelledTask = { ...this.tasks.get(taskId)!, status: 'cancelled' };
            this.tasks.set(taskId, cancelledTask);
            this.announce(cancelledTask);
            return cancelledTask;
          }

          private announce(task: { taskId: string; status: string }) {
            const notification = TaskStatusNotificationSchema.parse({ method: 'notifications/tasks/status', params: task });
            void this.client.notification(notification);
          }

          async remoteTasks() {
            const page = await this.client.request({ method: 'tasks/list', params: {} }, ListTasksResultSchema);
            return page.tasks;
          }

          async start(name: string) {
            const created = await this.client.callTool({ name, arguments: {} });
            if (created.task == null) return created;
            const handle = created.task;
            return handle;
          }
        }
      `,
      [
        { messageId: 'usesTasksList', at: "'tasks/list'", nth: 1, data: what('handled here') },
        { messageId: 'cancelReturnsTask', at: 'this.cancelTask(params.taskId)' },
        { messageId: 'usesTaskStatusNotification', at: "'notifications/tasks/status'", data: what('sent here') },
        { messageId: 'usesTasksList', at: "'tasks/list'", nth: 2, data: what('sent here') },
        { messageId: 'readsNestedTask', at: 'created.task', nth: 1, data: { path: 'created.task' } },
      ],
    ),
    // The same fixtures as the component test above, served: a tools/list handler and a test
    // server's capabilities put them on the wire.
    invalid(
      'a tool with execution.taskSupport served by tools/list, and a test server declaring tasks',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const tools = [{ name: 'slow', inputSchema: { type: 'object' }, execution: { taskSupport: 'required' } }];
        const capabilities = { tools: {}, tasks: { list: {}, cancel: {} } };

        export function fixtureServer() {
          const server = new Server({ name: 'fixture', version: '1.0.0' }, { capabilities });
          server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
          return server;
        }
      `,
      [
        { messageId: 'declaresTaskSupport', at: "execution: { taskSupport: 'required' }" },
        { messageId: 'serverTasksCapability', at: 'tasks: { list: {}, cancel: {} }' },
      ],
      { filename: 'fixture-server.test.tsx' },
    ),

    // ---------------------------------------------------------------------------------
    // Dual-era code: behind isLegacyRequest() it serves 2025 clients on purpose.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'task handlers registered only for 2025 clients',
        code`
          import { ListTasksRequestSchema } from '@modelcontextprotocol/sdk/types.js';

          if (await isLegacyRequest(request)) {
            server.setRequestHandler(ListTasksRequestSchema, async () => ({ tasks: store.all() }));
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'ListTasksRequestSchema',
            nth: 2,
            data: {
              message: rule.meta.messages.usesTasksList.replace('{{what}}', '`ListTasksRequestSchema`'),
              gate: 'behind `await isLegacyRequest(request)`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});
