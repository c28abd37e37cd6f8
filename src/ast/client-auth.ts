import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  isMcpServerModule,
  mcpClientModuleGeneration,
  mcpModuleGeneration,
  oauthLookalikeModules,
  protectedResourceMetadataPath,
} from '../mcp/client-auth.js';
import { importedBindingOf } from './imports.js';
import { calleeName, isFunction, propertyKeyName, stringLiteralValue, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What a file says about being the OAuth flow of an MCP client (design.md principle 3). */
export interface ClientAuthEvidence {
  /** It imports the MCP client SDK: v1 `@modelcontextprotocol/sdk/client/…` or v2 `@modelcontextprotocol/client`. */
  importsMcpClient: boolean;
  /** It imports the MCP server SDK (`@modelcontextprotocol/sdk/server/…`, `/server`, `/node`, `/express`, …). */
  importsMcpServer: boolean;
  /** The SDK generation of its MCP imports, when they are all of one. */
  generation: 'v1' | 'v2' | undefined;
  /** It builds a URL to RFC 9728 protected-resource metadata, which is how MCP clients discover their authorization server. */
  fetchesProtectedResourceMetadata: boolean;
  /** An OAuth library it imports that owns the flow instead (web-app logins, OIDC clients that check `iss`). */
  oauthLibrary: string | undefined;
  /** The file is an MCP client's auth flow and no OAuth library owns it. */
  isMcpClientAuth: boolean;
}

const evidenceCache = new WeakMap<object, ClientAuthEvidence>();

export function clientAuthEvidence(sourceCode: SourceCode): ClientAuthEvidence {
  const cached = evidenceCache.get(sourceCode.ast);
  if (cached) return cached;
  let importsMcpClient = false;
  let importsMcpServer = false;
  let oauthLibrary: string | undefined;
  let mentionsDiscovery = false;
  const generations = new Set<'v1' | 'v2'>();
  for (const token of sourceCode.ast.tokens) {
    if (token.type === 'Template' && token.value.includes(protectedResourceMetadataPath)) mentionsDiscovery = true;
    if (token.type !== 'String') continue;
    if (token.value.includes(protectedResourceMetadataPath)) mentionsDiscovery = true;
    const value = token.value.slice(1, -1);
    if (mcpClientModuleGeneration(value)) importsMcpClient = true;
    if (isMcpServerModule(value)) importsMcpServer = true;
    const generation = mcpModuleGeneration(value);
    if (generation) generations.add(generation);
    if (!oauthLibrary && oauthLookalikeModules.some((pattern) => pattern.test(value))) oauthLibrary = value;
  }
  const fetchesProtectedResourceMetadata = mentionsDiscovery && buildsUrlTo(sourceCode, protectedResourceMetadataPath);
  const evidence: ClientAuthEvidence = {
    importsMcpClient,
    importsMcpServer,
    generation: generations.size === 1 ? [...generations][0] : undefined,
    fetchesProtectedResourceMetadata,
    oauthLibrary,
    // A server fetching its own metadata in tests is not a client: discovery counts only without server imports.
    isMcpClientAuth: (importsMcpClient || (fetchesProtectedResourceMetadata && !importsMcpServer)) && oauthLibrary === undefined,
  };
  evidenceCache.set(sourceCode.ast, evidence);
  return evidence;
}

/** The text of a string or template literal, substitutions left out. */
export function literalText(node: TSESTree.Node): string | undefined {
  const plain = stringLiteralValue(node);
  if (plain !== undefined) return plain;
  return node.type === AST_NODE_TYPES.TemplateLiteral ? node.quasis.map((quasi) => quasi.value.cooked ?? '').join('') : undefined;
}

/** Literals of the file whose text contains `path`, in source order. */
export function literalsContaining(sourceCode: SourceCode, path: string): (TSESTree.Literal | TSESTree.TemplateLiteral)[] {
  const found: (TSESTree.Literal | TSESTree.TemplateLiteral)[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.Literal && node.type !== AST_NODE_TYPES.TemplateLiteral) return;
    if (node.parent?.type === AST_NODE_TYPES.TemplateLiteral) return;
    if (literalText(node)?.includes(path)) found.push(node);
  });
  return found;
}

function buildsUrlTo(sourceCode: SourceCode, path: string): boolean {
  return literalsContaining(sourceCode, path).some((literal) => isUrlBuilding(literal, sourceCode));
}

const fetchCalls = new Set(['fetch', 'ofetch', '$fetch', 'got', 'ky', 'axios', 'request', 'get']);
const comparingCalls = /^(?:startsWith|endsWith|includes|indexOf|match|test|equals?|is)$/;

/**
 * Whether a literal naming a well-known path is used to build a URL to fetch: `fetch(path)`,
 * `new URL(path, issuer)`, `${issuer}/.well-known/…`, also through a `const` or a `for … of`
 * list of paths. Route paths (`app.get('/.well-known/…', handler)`), comparisons
 * (`url.pathname === …`, `startsWith(…)`), `case` labels and plain data are not.
 */
export function isUrlBuilding(literal: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  if (depth > 3) return false;
  let child: TSESTree.Node = literal;
  let parent = literal.parent;
  let built = literal.type === AST_NODE_TYPES.TemplateLiteral && literal.expressions.length > 0;
  while (parent && (parent.type === AST_NODE_TYPES.TemplateLiteral || (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') || isTypeWrapper(parent))) {
    if (!isTypeWrapper(parent)) built = true;
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments[0] === child && calleeName(parent) === 'URL';
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(parent) ?? '';
      if (parent.arguments[0] !== child || comparingCalls.test(name)) return false;
      if (fetchCalls.has(name)) return name !== 'get' || parent.arguments.length === 1 || unwrap(parent.arguments[1]!).type === AST_NODE_TYPES.ObjectExpression;
      return built && !parent.arguments.slice(1).some((argument) => isFunction(unwrap(argument)));
    }
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child && (built || usedToBuildUrl(parent.id, sourceCode, depth));
    case AST_NODE_TYPES.ArrayExpression: {
      // `for (const path of ['/.well-known/oauth-authorization-server', …]) fetch(new URL(path, issuer))`
      const loop = parent.parent;
      return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.right === parent && loop.left.type === AST_NODE_TYPES.VariableDeclaration &&
        loop.left.declarations[0] !== undefined && usedToBuildUrl(loop.left.declarations[0].id, sourceCode, depth);
    }
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.SwitchCase:
    case AST_NODE_TYPES.Property:
      return false;
    default:
      return built;
  }
}

/** Whether a variable holding a path is used to build a URL. */
function usedToBuildUrl(id: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  return (variable?.references ?? []).some((reference) => !reference.init && isUrlBuilding(reference.identifier, sourceCode, depth + 1));
}

function isTypeWrapper(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression || node.type === AST_NODE_TYPES.TSNonNullExpression;
}

/** Members through which a request or URL carries the redirect's whole query string. */
const queryCarriers = new Set(['searchParams', 'query', 'search', 'href', 'url', 'originalUrl', 'raw', 'req', 'nextUrl']);
const paramReadMethods = new Set(['get', 'has', 'getAll']);
const maxDepth = 4;

/**
 * Whether an expression is the query of an OAuth redirect: `url.searchParams`, `new
 * URLSearchParams(…)`, `req.query` (Express, Fastify, Koa), `Object.fromEntries(params)`, or a
 * variable holding one of those or typed `URLSearchParams`.
 */
export function isCallbackQuery(expression: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  if (depth > maxDepth) return false;
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && node.property.type === AST_NODE_TYPES.Identifier && (node.property.name === 'searchParams' || node.property.name === 'query');
    case AST_NODE_TYPES.NewExpression:
      return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'URLSearchParams';
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      const isFromEntries =
        callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier &&
        callee.property.name === 'fromEntries' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object';
      return isFromEntries && node.arguments[0] !== undefined && isCallbackQuery(node.arguments[0], sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.Identifier:
      return isQueryVariable(node, sourceCode, depth);
    default:
      return false;
  }
}

function isQueryVariable(identifier: TSESTree.Identifier, sourceCode: SourceCode, depth: number): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  for (const def of variable?.defs ?? []) {
    const annotation = def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
    if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'URLSearchParams') {
      return true;
    }
    if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id === def.name) {
      if (isCallbackQuery(def.node.init, sourceCode, depth + 1)) return true;
    }
    // `const { searchParams } = new URL(req.url)`, `const { query } = req`
    const key = destructuredKey(def);
    if (key === 'searchParams' || key === 'query') return true;
  }
  return false;
}

/** The property a variable was destructured from: `searchParams` for `const { searchParams } = url`. */
function destructuredKey(def: TSESLint.Scope.Definition): string | undefined {
  if (def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of def.node.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === def.name) return propertyKeyName(property);
  }
  return undefined;
}

/**
 * A read of one redirect parameter: `query.get('code')`, `c.req.query('code')` (Hono),
 * `req.query.code`, `req.query['code']`, or `{ code } = req.query`. Returns the query it was
 * read from and the parameter's name.
 */
export function redirectParameterRead(node: TSESTree.Node, sourceCode: SourceCode): { query: TSESTree.Node; name: string } | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    const name = node.arguments[0] ? stringLiteralValue(unwrap(node.arguments[0])) : undefined;
    if (name === undefined || callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (paramReadMethods.has(callee.property.name) && isCallbackQuery(callee.object, sourceCode)) return { query: callee.object, name };
    // Hono: `c.req.query('code')`.
    const owner = unwrap(callee.object);
    const isHonoRequest = owner.type === AST_NODE_TYPES.MemberExpression && !owner.computed && owner.property.type === AST_NODE_TYPES.Identifier && owner.property.name === 'req';
    return callee.property.name === 'query' && isHonoRequest ? { query: callee, name } : undefined;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = node.computed ? stringLiteralValue(unwrap(node.property)) : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
    if (name === undefined || paramReadMethods.has(name)) return undefined;
    const object = unwrap(node.object);
    const isQuery = object.type === AST_NODE_TYPES.MemberExpression ? isCallbackQuery(object, sourceCode) && propertyNameOf(object) === 'query' : isObjectQuery(object, sourceCode);
    return isQuery ? { query: object, name } : undefined;
  }
  if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern) {
    const name = propertyKeyName(node);
    const declarator = node.parent.parent;
    if (name === undefined || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== node.parent || !declarator.init) return undefined;
    const init = unwrap(declarator.init);
    return isObjectQuery(init, sourceCode) ? { query: init, name } : undefined;
  }
  return undefined;
}

/** A query read by property (`req.query`, `Object.fromEntries(params)`), not by `.get()`. */
function isObjectQuery(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyNameOf(node) === 'query';
  if (node.type === AST_NODE_TYPES.CallExpression) return isCallbackQuery(node, sourceCode);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs[0];
  if (def && destructuredKey(def) === 'query') return true;
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init || def.node.id !== def.name) return false;
  const init = unwrap(def.node.init);
  return init.type !== AST_NODE_TYPES.NewExpression && isObjectQuery(init, sourceCode);
}

function propertyNameOf(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}

/**
 * Whether code in `scope` reads the redirect's `iss`: `params.get('iss')`, `query.iss`,
 * `{ iss } = …`, or hands the check to the SDK (`validateAuthorizationResponseIssuer`).
 */
export function readsIssuerParameter(scope: TSESTree.Node, sourceCode: SourceCode): boolean {
  let found = false;
  walk(scope, sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'validateAuthorizationResponseIssuer') found = true;
    else if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Property) {
      const read = redirectParameterRead(node, sourceCode);
      if (read?.name === 'iss') found = true;
      else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'iss') found = true;
    }
  });
  return found;
}

/**
 * Whether the function hands the whole redirect query on (to the SDK's `finishAuth(params)`,
 * a helper, a promise's `resolve`, a return): then `iss` may be checked where it goes.
 */
export function passesQueryOn(scope: TSESTree.Node, query: TSESTree.Node, sourceCode: SourceCode): boolean {
  const root = rootIdentifier(query);
  if (!root) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
  if (!variable) return false;
  return variable.references.some((reference) => {
    if (reference.init || !within(reference.identifier, scope)) return false;
    let top: TSESTree.Node = reference.identifier;
    const path: string[] = [];
    while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) {
      const name = propertyNameOf(top.parent);
      if (name === undefined || !queryCarriers.has(name) && name !== 'toString') return false;
      path.push(name);
      top = top.parent;
    }
    const parent = top.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === top) return path.at(-1) === 'toString';
    return parent.type !== AST_NODE_TYPES.ExpressionStatement && parent.type !== AST_NODE_TYPES.BinaryExpression &&
      !(parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.ObjectPattern) &&
      !(parent.type === AST_NODE_TYPES.VariableDeclarator && isCallbackQuery(parent.init ?? parent, sourceCode));
  });
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

function within(node: TSESTree.Node, scope: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (current === scope) return true;
  return false;
}

const issuerComparisonCache = new WeakMap<object, boolean>();

/**
 * Whether the file compares an `issuer` anywhere: `metadata.issuer !== issuer`,
 * `meta['issuer'] === expected`, `expectedIssuer === actualIssuer`, or passes `.issuer` to a
 * comparing helper (`assertSameIssuer(meta.issuer, url)`). Metadata whose issuer is compared
 * somewhere in the file counts as checked.
 */
export function comparesIssuer(sourceCode: SourceCode): boolean {
  const cached = issuerComparisonCache.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  let found = false;
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator)) {
      found = isIssuerValue(node.left) || isIssuerValue(node.right);
    } else if (node.type === AST_NODE_TYPES.CallExpression && /issuer|equal|match|compare|assert|verify|validate|check|^expect$/i.test(calleeName(node) ?? '')) {
      found = node.arguments.some((argument) => isIssuerMember(unwrap(argument)));
    }
  });
  issuerComparisonCache.set(sourceCode.ast, found);
  return found;
}

function isIssuerValue(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return isIssuerMember(inner) || (inner.type === AST_NODE_TYPES.Identifier && /issuer/i.test(inner.name));
}

function isIssuerMember(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  return node.computed ? stringLiteralValue(unwrap(node.property)) === 'issuer' : node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'issuer';
}

/** Where an identifier or `ns.name` was imported from, when it is an MCP client SDK export. */
export function mcpClientExportOf(node: TSESTree.Node, sourceCode: SourceCode): { name: string; generation: 'v1' | 'v2' } | undefined {
  const inner = unwrap(node);
  const scope = sourceCode.getScope(inner);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const binding = importedBindingOf(inner, scope);
    const generation = binding && binding.imported !== '*' ? mcpModuleGeneration(binding.source) : undefined;
    return binding && generation ? { name: binding.imported, generation } : undefined;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.object.type === AST_NODE_TYPES.Identifier) {
    const binding = importedBindingOf(inner.object, scope);
    const generation = binding?.imported === '*' ? mcpModuleGeneration(binding.source) : undefined;
    return generation ? { name: inner.property.name, generation } : undefined;
  }
  if (inner.type === AST_NODE_TYPES.TSQualifiedName && inner.left.type === AST_NODE_TYPES.Identifier) {
    const binding = importedBindingOf(inner.left, scope);
    const generation = binding?.imported === '*' ? mcpModuleGeneration(binding.source) : undefined;
    return generation ? { name: inner.right.name, generation } : undefined;
  }
  return undefined;
}
