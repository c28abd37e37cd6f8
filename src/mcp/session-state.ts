/**
 * What 2025 servers keep per MCP session and how they key it (reference §3.1, SEP-2567's survey,
 * §15.2 rows H3/H4), as the rule no-session-state reads it.
 */

import { lookupTable } from './lookup-table.js';

/** Streamable HTTP transport options that create or follow a 2025 session. */
export const sessionIdGeneratorOption = 'sessionIdGenerator';
export const sessionLifecycleOptions: readonly string[] = ['onsessioninitialized', 'onsessionclosed'];

/**
 * Methods whose first argument is a key or a member: `Map`/`Set`, Web Storage, caches (lru-cache, keyv,
 * node-cache), Redis/ioredis commands, Cloudflare KV and Durable Object namespaces.
 */
export const keyedAccessMethods: ReadonlySet<string> = new Set([
  'add',
  'get',
  'set',
  'has',
  'delete',
  'getItem',
  'setItem',
  'removeItem',
  'put',
  'del',
  'hget',
  'hset',
  'hgetall',
  'hdel',
  'hmset',
  'sadd',
  'srem',
  'smembers',
  'lpush',
  'rpush',
  'lrange',
  'incr',
  'expire',
  'setex',
  'getdel',
  'idFromName',
]);

/** Collection methods that add or remove an element (the rest read). */
export const collectionWrites: Readonly<Record<string, 'store' | 'remove'>> = lookupTable({ set: 'store', delete: 'remove' });

/** Data-store calls whose filter or document names the record (Mongo, Prisma, Drizzle, Sequelize, TypeORM). */
export const recordQueryMethods: ReadonlySet<string> = new Set([
  'find',
  'findOne',
  'findMany',
  'findFirst',
  'findUnique',
  'findOneAndUpdate',
  'findAll',
  'update',
  'updateOne',
  'updateMany',
  'upsert',
  'insert',
  'insertOne',
  'create',
  'deleteOne',
  'deleteMany',
  'countDocuments',
  'where',
]);

/** Calls that only write a value somewhere for people to read: loggers, console, tracing spans. */
export const correlationMethods: ReadonlySet<string> = new Set([
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'setAttribute',
  'setAttributes',
  'setTag',
  'addEvent',
]);

/** The SDK call whose second argument routes a log notification to a session (v1 `sendLoggingMessage(params, sessionId)`). */
export const sessionLoggingMethod = 'sendLoggingMessage';

/** SDK entries that serve one client over stdio for the life of the process. */
export const stdioServerEntries: readonly string[] = ['StdioServerTransport', 'serveStdio'];
