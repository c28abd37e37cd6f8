/**
 * Resource subscriptions and change notifications, which 2026-07-28 moved onto
 * `subscriptions/listen` streams (reference §4, catalogue S1–S4 and H15;
 * typescript-sdk-v1-v2.md §1i and §2 "Notifications on modern").
 */

import { lookupTable } from './lookup-table.js';

/** The 2025 subscribe requests 2026-07-28 removed (a modern server answers them with 404/-32601). */
export const subscribeMethods: ReadonlySet<string> = new Set(['resources/subscribe', 'resources/unsubscribe']);

/** v1 request schemas for those requests. */
export const subscribeSchemas: Readonly<Record<string, string>> = lookupTable({
  SubscribeRequestSchema: 'resources/subscribe',
  UnsubscribeRequestSchema: 'resources/unsubscribe',
});

/** Client methods that send them (v1 and v2 `Client`). */
export const subscribeClientMethods: ReadonlySet<string> = new Set(['subscribeResource', 'unsubscribeResource']);

/** Notifications that may only travel on a listen stream whose filter asked for them, with the filter key. */
export const changeNotifications: Readonly<Record<string, string>> = lookupTable({
  'notifications/tools/list_changed': 'toolsListChanged: true',
  'notifications/prompts/list_changed': 'promptsListChanged: true',
  'notifications/resources/list_changed': 'resourcesListChanged: true',
  'notifications/resources/updated': 'resourceSubscriptions: [uri]',
});

/** v1/v2 notification schemas of those notifications, by method. */
export const changeNotificationSchemas: Readonly<Record<string, string>> = lookupTable({
  ToolListChangedNotificationSchema: 'notifications/tools/list_changed',
  PromptListChangedNotificationSchema: 'notifications/prompts/list_changed',
  ResourceListChangedNotificationSchema: 'notifications/resources/list_changed',
  ResourceUpdatedNotificationSchema: 'notifications/resources/updated',
});

/**
 * SDK server methods that send them unsolicited, with what SDK v2's `createMcpHandler` result
 * offers instead (`handler.notify.*`, which publishes to the listen streams that opted in).
 */
export const sdkChangeSenders: Readonly<Record<string, string>> = lookupTable({
  sendToolListChanged: 'handler.notify.toolsChanged()',
  sendPromptListChanged: 'handler.notify.promptsChanged()',
  sendResourceListChanged: 'handler.notify.resourcesChanged()',
  sendResourceUpdated: 'handler.notify.resourceUpdated(uri)',
});

/** The request that opens a listen stream, and the `_meta` key every notification on it carries. */
export const listenMethod = 'subscriptions/listen';
export const subscriptionIdMetaKey = 'io.modelcontextprotocol/subscriptionId';
/** SDK v2's name for that key. */
export const subscriptionIdMetaConstant = 'SUBSCRIPTION_ID_META_KEY';

/** The SDK v2 stdio entry, which routes an instance's `send*ListChanged()` calls to listen streams itself. */
export const stdioServingEntry = 'serveStdio';
