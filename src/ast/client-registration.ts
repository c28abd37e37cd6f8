import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { clientMetadataTypes, clientProviderMembers, clientProviderTypes } from '../mcp/client-auth.js';
import { mcpClientExportOf } from './client-auth.js';
import { calleeName, isFunction, propertyKeyName, stringLiteralValue, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** OAuth client metadata (RFC 7591): `{ client_name, redirect_uris, grant_types, … }` without a `client_id` yet. */
export function isClientMetadataLiteral(object: TSESTree.ObjectExpression): boolean {
  const keys = objectKeys(object);
  return keys.has('redirect_uris') && !keys.has('client_id');
}

export function objectKeys(object: TSESTree.ObjectExpression): Set<string> {
  const keys = new Set<string>();
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) keys.add('...');
    else {
      const key = propertyKeyName(property);
      if (key !== undefined) keys.add(key);
    }
  }
  return keys;
}

/**
 * The places a value goes: the expression itself and, when it initialises a `const`, every
 * read of that constant.
 */
export function usesOf(expression: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node[] {
  const uses: TSESTree.Node[] = [expression];
  let top: TSESTree.Node = expression;
  while (top.parent && (top.parent.type === AST_NODE_TYPES.TSAsExpression || top.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) top = top.parent;
  const declarator = top.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === top && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id);
    for (const reference of variable?.references ?? []) if (!reference.init) uses.push(reference.identifier);
  }
  return uses;
}

/** The call a value is the request body of: `fetch(url, { body: JSON.stringify(v) })`, `axios.post(url, v)`, `ky.post(url, { json: v })`. */
export function requestCarrying(value: TSESTree.Node): TSESTree.CallExpression | undefined {
  let node = value;
  for (let steps = 0; steps < 4; steps++) {
    const parent = node.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      const name = calleeName(parent);
      if (name === 'stringify') {
        node = parent;
        continue;
      }
      return parent.arguments[0] !== node && (name === 'fetch' || name === 'post' || name === 'request' || name === 'ofetch' || name === '$fetch') ? parent : undefined;
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === node && ['body', 'json', 'data'].includes(propertyKeyName(parent) ?? '')) {
      node = parent.parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression) {
      node = parent;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** Whether an expression names a registration endpoint: `meta.registration_endpoint`, a URL ending in `/register`. */
export function namesRegistrationEndpoint(expression: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  if (depth > 3) return false;
  const inner = unwrap(expression);
  if (/registration_?endpoint/i.test(sourceCode.getText(inner))) return true;
  const text = stringLiteralValue(inner) ?? (inner.type === AST_NODE_TYPES.TemplateLiteral ? inner.quasis.map((q) => q.value.cooked ?? '').join('') : undefined);
  if (text !== undefined && /\/register\/?$/.test(text)) return true;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return namesRegistrationEndpoint(inner.object, sourceCode, depth + 1);
  if (inner.type === AST_NODE_TYPES.NewExpression) return inner.arguments.some((argument) => namesRegistrationEndpoint(argument, sourceCode, depth + 1));
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
    if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) return namesRegistrationEndpoint(def.node.init, sourceCode, depth + 1);
  }
  return false;
}

/** The SDK generation of a type named in an annotation, `as` or `satisfies`, when it is one of `names` from an MCP package. */
export function mcpTypeGeneration(type: TSESTree.Node | undefined, names: readonly string[], sourceCode: SourceCode): 'v1' | 'v2' | undefined {
  if (!type) return undefined;
  if (type.type === AST_NODE_TYPES.TSTypeAnnotation) return mcpTypeGeneration(type.typeAnnotation, names, sourceCode);
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const exported = mcpClientExportOf(type.typeName, sourceCode);
  return exported && names.includes(exported.name) ? exported.generation : undefined;
}

/** The type an object literal is declared with: `const x: T = {…}`, `{…} satisfies T`, `{…} as T`. */
export function declaredTypeOf(object: TSESTree.Node): TSESTree.Node | undefined {
  const parent = object.parent;
  if (parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSSatisfiesExpression) return parent.typeAnnotation;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === object && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.typeAnnotation?.typeAnnotation;
  }
  return undefined;
}

/** An SDK `OAuthClientProvider` written in this file: a class or an object literal. */
export interface ClientProvider {
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.ObjectExpression;
  generation: 'v1' | 'v2' | undefined;
  /** The `saveClientInformation` member: the provider lets the SDK register it dynamically. */
  saveRegistration: TSESTree.Node | undefined;
  /** It has a `clientMetadataUrl`: a Client ID Metadata Document, registration only as a fallback. */
  hasMetadataDocument: boolean;
  /** Object literals its `clientMetadata` returns. */
  metadataLiterals: TSESTree.ObjectExpression[];
}

type Member = { key: string; node: TSESTree.Node; value: TSESTree.Node | null };

function membersOf(node: ClientProvider['node']): Member[] {
  const members: Member[] = [];
  const list = node.type === AST_NODE_TYPES.ObjectExpression ? node.properties : node.body.body;
  for (const member of list) {
    if (member.type !== AST_NODE_TYPES.Property && member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const key = propertyKeyName(member);
    if (key !== undefined) members.push({ key, node: member.key, value: member.value as TSESTree.Node | null });
  }
  return members;
}

/**
 * Whether a class or object literal is an MCP `OAuthClientProvider`: declared so
 * (`implements OAuthClientProvider`, `const p: OAuthClientProvider = {…}`), or, in a file that
 * imports the MCP client, shaped like one (`clientMetadata` with `saveTokens` and
 * `redirectToAuthorization`).
 */
export function clientProviderOf(node: ClientProvider['node'], sourceCode: SourceCode, importsMcpClient: boolean, fileGeneration: 'v1' | 'v2' | undefined): ClientProvider | undefined {
  let generation: 'v1' | 'v2' | undefined;
  if (node.type === AST_NODE_TYPES.ObjectExpression) generation = mcpTypeGeneration(declaredTypeOf(node), clientProviderTypes, sourceCode);
  else for (const heritage of node.implements ?? []) generation ??= implementsGeneration(heritage, sourceCode);
  const members = membersOf(node);
  const keys = new Set(members.map((member) => member.key));
  const shaped = keys.has(clientProviderMembers.metadata) && keys.has('saveTokens') && (keys.has('redirectToAuthorization') || keys.has('tokens'));
  if (!generation && !(shaped && importsMcpClient)) return undefined;
  const metadata = members.find((member) => member.key === clientProviderMembers.metadata);
  return {
    node,
    generation: generation ?? fileGeneration,
    saveRegistration: members.find((member) => member.key === clientProviderMembers.saveRegistration)?.node,
    hasMetadataDocument: keys.has(clientProviderMembers.cimdUrl),
    metadataLiterals: metadata ? metadataLiteralsOf(metadata.value, node, sourceCode) : [],
  };
}

/** `implements OAuthClientProvider` or `implements auth.OAuthClientProvider`, imported from an MCP package. */
function implementsGeneration(heritage: TSESTree.TSClassImplements, sourceCode: SourceCode): 'v1' | 'v2' | undefined {
  const exported = mcpClientExportOf(heritage.expression, sourceCode);
  return exported && clientProviderTypes.includes(exported.name) ? exported.generation : undefined;
}

/** What `clientMetadata` returns: a literal, a getter's returned literal, or `this.field` initialised with one. */
function metadataLiteralsOf(value: TSESTree.Node | null, owner: ClientProvider['node'], sourceCode: SourceCode): TSESTree.ObjectExpression[] {
  if (!value) return [];
  const inner = unwrap(value);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return [inner];
  if (!isFunction(inner)) return [];
  const found: TSESTree.ObjectExpression[] = [];
  const body = inner.body;
  if (!body) return [];
  const returned: TSESTree.Node[] = body.type === AST_NODE_TYPES.BlockStatement ? [] : [body];
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    walk(body, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
    });
  }
  for (const expression of returned) {
    const result = unwrap(expression);
    if (result.type === AST_NODE_TYPES.ObjectExpression) found.push(result);
    else if (result.type === AST_NODE_TYPES.MemberExpression && result.object.type === AST_NODE_TYPES.ThisExpression && owner.type !== AST_NODE_TYPES.ObjectExpression) {
      const name = !result.computed && result.property.type === AST_NODE_TYPES.Identifier ? result.property.name : undefined;
      const field = owner.body.body.find((member) => member.type === AST_NODE_TYPES.PropertyDefinition && propertyKeyName(member) === name);
      const init = field?.type === AST_NODE_TYPES.PropertyDefinition && field.value ? unwrap(field.value) : undefined;
      if (init?.type === AST_NODE_TYPES.ObjectExpression) found.push(init);
    }
  }
  return found;
}

/** `'native'` for loopback or custom-scheme redirect URIs, `'web'` for remote HTTPS ones, undefined when it cannot be told. */
export function applicationTypeFor(metadata: TSESTree.ObjectExpression, sourceCode: SourceCode): 'native' | 'web' | undefined {
  const property = metadata.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'redirect_uris');
  const list = property && unwrap(property.value);
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const kinds = new Set<'native' | 'web' | undefined>();
  for (const element of list.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const value = ASTUtils.getStaticValue(element, sourceCode.getScope(element))?.value;
    kinds.add(typeof value === 'string' ? redirectKind(value) : undefined);
  }
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

function redirectKind(uri: string): 'native' | 'web' | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (!scheme) return undefined;
  if (scheme !== 'http' && scheme !== 'https') return 'native';
  const host = /^[a-z]+:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(uri)?.[1]?.toLowerCase();
  if (!host) return undefined;
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]' ? 'native' : 'web';
}

export { clientMetadataTypes };
