/**
 * The handles `McpServer` registrations return (`RegisteredTool`, `RegisteredPrompt`,
 * `RegisteredResource`, `RegisteredResourceTemplate`; typescript-sdk-v1-v2.md §1i), whose
 * methods change what `tools/list`, `prompts/list` and `resources/list` return and send the
 * matching `list_changed` notification.
 */

import { lookupTable } from './lookup-table.js';

export type ListedKind = 'tool' | 'prompt' | 'resource';

/** Registration methods, v1 and v2, by the kind of list entry they add. */
export const listRegistrations: Readonly<Record<string, ListedKind>> = lookupTable({
  registerTool: 'tool',
  tool: 'tool',
  registerPrompt: 'prompt',
  prompt: 'prompt',
  registerResource: 'resource',
  resource: 'resource',
});

/** Registration names only the SDK has, recognised on a receiver the file cannot trace when it imports the SDK. */
export const distinctiveListRegistrations: ReadonlySet<string> = new Set(['registerTool', 'registerPrompt', 'registerResource']);

/** Handle methods that add, hide, change or drop a list entry at run time. */
export const listChangingHandleMethods: ReadonlySet<string> = new Set(['enable', 'disable', 'update', 'remove']);

/** The list method each kind of entry appears in. */
export const listMethodOf: Readonly<Record<ListedKind, string>> = {
  tool: 'tools/list',
  prompt: 'prompts/list',
  resource: 'resources/list',
};

/**
 * Calls whose callbacks run later, while the server serves requests: timers, event emitters,
 * file watchers, subscriptions, and HTTP routes (`app.post('/admin', …)`).
 */
export const runtimeCallbackCallees: ReadonlySet<string> = new Set([
  'setInterval',
  'setTimeout',
  'setImmediate',
  'on',
  'once',
  'addListener',
  'addEventListener',
  'watch',
  'subscribe',
  'schedule',
]);

/** HTTP route registrations whose handler runs per HTTP request. */
export const routeMethods: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'route']);
