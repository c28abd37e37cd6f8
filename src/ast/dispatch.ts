import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { distinctiveMcpMethods, mcpMethodNames } from '../mcp/methods.js';
import { handlerRegistrations } from '../mcp/sdk-api.js';
import { calleeName, isFunction, propertyKeyName, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;


/** A place where hand-rolled code routes JSON-RPC messages by MCP method name. */
export interface DispatchSite {
  /** The switch, the first `if` of an if-chain, the dispatch table object, or the registry call. */
  node: TSESTree.Node;
  kind: 'switch' | 'if-chain' | 'table' | 'registry';
  /** MCP method names it routes, with the node that names each one. */
  methods: ReadonlyMap<string, TSESTree.Node>;
}

const cache = new WeakMap<object, DispatchSite[]>();

/**
 * Every hand-rolled dispatch on MCP method names in the file: `switch (msg.method) { case
 * 'tools/list': … }`, `if (body.method === 'initialize') … else if …`, dispatch tables
 * `{ 'tools/call': handleCall, … }`, and registries `rpc.addMethod('tools/list', fn)`. A site
 * counts as MCP's only when it routes at least one method no other protocol has (`isMcpSite`):
 * `initialize` and `ping` alone are LSP's, esbuild's and many others' too.
 */
export function dispatchSites(sourceCode: SourceCode): DispatchSite[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const sites: DispatchSite[] = [];
  const registries = new Map<string, { node: TSESTree.Node; methods: Map<string, TSESTree.Node> }>();
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.SwitchStatement) {
      const methods = new Map<string, TSESTree.Node>();
      for (const switchCase of node.cases) {
        const method = switchCase.test ? methodValue(switchCase.test, sourceCode) : undefined;
        if (method && switchCase.test) methods.set(method, switchCase.test);
      }
      if (methods.size > 0) sites.push({ node, kind: 'switch', methods });
    } else if (node.type === AST_NODE_TYPES.IfStatement && !isElseIf(node)) {
      const methods = new Map<string, TSESTree.Node>();
      for (let current: TSESTree.Node | null = node; current?.type === AST_NODE_TYPES.IfStatement; current = current.alternate) {
        for (const [method, at] of methodsTestedBy(current.test, sourceCode)) methods.set(method, at);
      }
      if (methods.size > 0) sites.push({ node, kind: 'if-chain', methods });
    } else if (node.type === AST_NODE_TYPES.ObjectExpression) {
      const methods = new Map<string, TSESTree.Node>();
      for (const property of node.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = property.computed ? methodValue(property.key, sourceCode) : propertyKeyName(property);
        const value = unwrap(property.value);
        if (key && mcpMethodNames.has(key) && (isFunction(value) || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression)) {
          methods.set(key, property.key);
        }
      }
      if (methods.size >= 2) sites.push({ node, kind: 'table', methods });
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = node.arguments[0] ? methodValue(node.arguments[0], sourceCode) : undefined;
      // A registry hands the method to a handler (`rpc.addMethod('tools/list', fn)`); a client
      // sending a request (`rpc.call('tools/list', params)`) passes data, and
      // `server.registerTool('ping', …)` names a tool, not a method.
      const handler = node.arguments.slice(1).some((arg) => isHandlerValue(arg, sourceCode));
      const callee = unwrap(node.callee);
      if (method && handler && callee.type === AST_NODE_TYPES.MemberExpression && !primitiveRegistrations.has(calleeName(node) ?? '')) {
        const key = sourceCode.getText(callee.object);
        const entry = registries.get(key) ?? { node, methods: new Map<string, TSESTree.Node>() };
        entry.methods.set(method, node.arguments[0]!);
        registries.set(key, entry);
      }
    }
  });
  for (const { node, methods } of registries.values()) sites.push({ node, kind: 'registry', methods });
  const merged = mergeSiblingIfs(sites);
  cache.set(sourceCode.ast, merged);
  return merged;
}

/** SDK registrations whose first argument names a tool, prompt or resource rather than a method. */
const primitiveRegistrations: ReadonlySet<string> = new Set(
  Object.entries(handlerRegistrations)
    .filter(([, kind]) => kind !== 'request')
    .map(([name]) => name),
);

/** A function, `fn.bind(this)`, or a name bound to a function (declared, `const`-assigned, imported or global). */
function isHandlerValue(argument: TSESTree.Node, sourceCode: SourceCode): boolean {
  const value = unwrap(argument);
  if (isFunction(value)) return true;
  if (value.type === AST_NODE_TYPES.CallExpression && calleeName(value) === 'bind') return true;
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(value), value)?.defs[0];
  // A name this file never declares (a global, or a script's shared scope) is not local data.
  if (!def || def.type === 'FunctionName' || def.type === 'ImportBinding') return true;
  return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init !== null && isFunction(unwrap(def.node.init));
}

/**
 * One dispatch written as consecutive `if`s in the same block
 * (`if (method === 'initialize') return …; if (method === 'tools/list') return …;`) is one
 * site, as an `else if` chain would be: each `if` alone routes a single method.
 */
function mergeSiblingIfs(sites: readonly DispatchSite[]): DispatchSite[] {
  const merged: DispatchSite[] = [];
  const methodsByBlock = new Map<TSESTree.Node, Map<string, TSESTree.Node>>();
  for (const site of sites) {
    const block = site.kind === 'if-chain' ? site.node.parent : undefined;
    if (!block) {
      merged.push(site);
      continue;
    }
    const methods = methodsByBlock.get(block);
    if (methods) {
      for (const [method, node] of site.methods) if (!methods.has(method)) methods.set(method, node);
      continue;
    }
    const own = new Map(site.methods);
    methodsByBlock.set(block, own);
    merged.push({ ...site, methods: own });
  }
  return merged;
}

/** A site that routes at least one method only MCP has. */
export function isMcpSite(site: DispatchSite): boolean {
  return [...site.methods.keys()].some((method) => distinctiveMcpMethods.has(method));
}

/** The MCP dispatch site (if any) that routes `method` at exactly this node, e.g. the `case 'ping':` test. */
export function mcpSiteRouting(node: TSESTree.Node, sourceCode: SourceCode): DispatchSite | undefined {
  return dispatchSites(sourceCode).find((site) => isMcpSite(site) && [...site.methods.values()].includes(node));
}

function methodValue(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const value = ASTUtils.getStaticValue(node, sourceCode.getScope(node))?.value;
  return typeof value === 'string' && mcpMethodNames.has(value) ? value : undefined;
}

/** `x.method === 'tools/list'`, `'ping' === method`, joined with `||` or `&&`. */
function methodsTestedBy(test: TSESTree.Node, sourceCode: SourceCode): Map<string, TSESTree.Node> {
  const found = new Map<string, TSESTree.Node>();
  const inner = unwrap(test);
  if (inner.type === AST_NODE_TYPES.LogicalExpression) {
    for (const [method, at] of methodsTestedBy(inner.left, sourceCode)) found.set(method, at);
    for (const [method, at] of methodsTestedBy(inner.right, sourceCode)) found.set(method, at);
  } else if (inner.type === AST_NODE_TYPES.BinaryExpression && (inner.operator === '===' || inner.operator === '==')) {
    for (const side of [inner.left, inner.right]) {
      const method = methodValue(side, sourceCode);
      if (method) found.set(method, side);
    }
  }
  return found;
}

function isElseIf(node: TSESTree.IfStatement): boolean {
  return node.parent.type === AST_NODE_TYPES.IfStatement && node.parent.alternate === node;
}
