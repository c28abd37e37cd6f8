import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { functionBindingName, isFunction, unwrap } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Era = 'legacy' | 'modern';

/** The revisions that use the `initialize` handshake (reference §0, "Legacy"). */
const legacyVersion = /^(?:2024-1[01]-\d\d|2025-\d\d-\d\d)$/;
const modernRevision = '2026-07-28';

/**
 * How code that serves 2025 clients on purpose is gated, when `node` sits behind such a gate:
 * `if (await isLegacyRequest(req)) …`, `era === 'legacy' ? … : …`, a protocol-version check
 * (`version < '2026-07-28'`, `version === '2025-11-25'`), the `else` of a modern check, or a
 * function called only from such branches. Returns the gate's source text, or undefined.
 */
export function legacyGateOf(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): string | undefined {
  // A branch the node sits in directly is the plainest explanation, so it wins over a binding
  // whose uses are all gated (`const legacy = new Transport(…)` inside `if (isLegacy…)`).
  for (let child: TSESTree.Node = node, current = node.parent; current; child = current, current = current.parent) {
    const gate = gateOfBranch(current, child, sourceCode);
    if (gate) return gate;
  }
  if (depth >= 2) return undefined;
  // An enclosing function (`legacyPost`) names the code path better than a local inside it, so
  // functions are tried before variables. The node itself may be the declaration
  // (`const sessions = new Map()`), so it is looked at too.
  for (const bindingKind of ['function', 'variable'] as const) {
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      const viaUses = gateOfBinding(current, bindingKind, sourceCode, depth);
      if (viaUses) return viaUses;
    }
  }
  return undefined;
}

/** For a function or a variable declaration: the gate every use of its name sits behind. */
function gateOfBinding(node: TSESTree.Node, kind: 'function' | 'variable', sourceCode: SourceCode, depth: number): string | undefined {
  if (kind === 'function') {
    if (!isFunction(node)) return undefined;
    const name = functionBindingName(node);
    return name ? gateOfUses(name, 'runs', sourceCode, depth) : undefined;
  }
  if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier) {
    return gateOfUses(node.id, 'is used', sourceCode, depth);
  }
  return undefined;
}

function gateOfBranch(parent: TSESTree.Node, child: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const describe = (test: TSESTree.Node) => `behind \`${shorten(sourceCode.getText(test))}\``;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression: {
      const era = eraTestedBy(parent.test, sourceCode);
      if (child === parent.consequent && era === 'legacy') return describe(parent.test);
      if (child === parent.alternate && era === 'modern') return `in the else branch of \`${shorten(sourceCode.getText(parent.test))}\``;
      return undefined;
    }
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
      return gateOfEarlyExit(parent.body, child, sourceCode);
    case AST_NODE_TYPES.LogicalExpression:
      if (parent.operator === '??' && child === parent.right && readsRequestEnvelope(parent.left, sourceCode)) {
        return `as the fallback of \`${shorten(sourceCode.getText(parent.left))}\`, which 2026-07-28 requests carry`;
      }
      return parent.operator === '&&' && child === parent.right && eraTestedBy(parent.left, sourceCode) === 'legacy' ? describe(parent.left) : undefined;
    case AST_NODE_TYPES.SwitchCase: {
      const discriminant = parent.parent.discriminant;
      const test = parent.test;
      if (!test || child === test || !/era/i.test(sourceCode.getText(discriminant))) return undefined;
      return ASTUtils.getStaticValue(test, sourceCode.getScope(test))?.value === 'legacy' ? `in \`case 'legacy'\` of \`${shorten(sourceCode.getText(discriminant))}\`` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `ctx.mcpReq.envelope?.[CLIENT_INFO_META_KEY]`, `params._meta?.['io.modelcontextprotocol/clientInfo']`
 * (through casts): a read of a reserved key of the request's `_meta` envelope, which only
 * 2026-07-28 requests carry, so what `??` falls back to serves 2025 clients.
 */
function readsRequestEnvelope(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const read = unwrap(node);
  if (read.type !== AST_NODE_TYPES.MemberExpression || !read.computed) return false;
  const key = read.property;
  if (key.type === AST_NODE_TYPES.Identifier && /_META_KEY$/.test(key.name)) return true;
  const value = ASTUtils.getStaticValue(key, sourceCode.getScope(key))?.value;
  return typeof value === 'string' && value.startsWith('io.modelcontextprotocol/');
}

/**
 * `if (isModern(req)) return serveModern(req);` before the statement: the code after it runs
 * only for 2025 clients. Only an `if` without `else` whose branch always leaves counts.
 */
function gateOfEarlyExit(statements: readonly TSESTree.Node[], child: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const index = statements.indexOf(child);
  for (const statement of statements.slice(0, Math.max(index, 0))) {
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) continue;
    const exit = exitOf(statement.consequent);
    // Strict: `if (version !== '2025-03-26') return reject()` turns away every other client; what
    // follows is a 2025-only server, not the 2025 leg of a dual-era one.
    if (exit && eraTestedBy(statement.test, sourceCode, true) === 'modern') return `after \`if (${shorten(sourceCode.getText(statement.test))}) ${exit}\``;
  }
  return undefined;
}

/** How a branch always leaves: `return …`, `throw …`, or a block that ends with one. */
function exitOf(statement: TSESTree.Statement): 'return' | 'throw' | undefined {
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return 'return';
  if (statement.type === AST_NODE_TYPES.ThrowStatement) return 'throw';
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : undefined;
  return last ? exitOf(last) : undefined;
}

/** Which era a condition selects when it is true. */
function eraTestedBy(test: TSESTree.Node, sourceCode: SourceCode, strict = false): Era | undefined {
  const node = unwrap(test);
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return eraTestedBy(node.argument, sourceCode, strict);
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' ? flip(eraTestedBy(node.argument, sourceCode, strict)) : undefined;
    case AST_NODE_TYPES.LogicalExpression: {
      const left = eraTestedBy(node.left, sourceCode, strict);
      const right = eraTestedBy(node.right, sourceCode, strict);
      if (node.operator === '&&') return left ?? right;
      return left && left === right ? left : undefined;
    }
    case AST_NODE_TYPES.CallExpression:
      return eraOfName(calleeText(node));
    case AST_NODE_TYPES.Identifier:
      return eraOfName(node.name) ?? eraOfConstant(node, sourceCode);
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? eraOfName(node.property.name) : undefined;
    case AST_NODE_TYPES.BinaryExpression:
      return eraOfComparison(node, sourceCode, strict);
    default:
      return undefined;
  }
}

/** `isLegacyRequest(…)`, `isLegacyClient`, `legacy`; `isModern…`, `modern`. */
function eraOfName(name: string | undefined): Era | undefined {
  if (!name) return undefined;
  if (/^(?:is|use|serves?)?legacy/i.test(name)) return 'legacy';
  if (/^(?:is|use|serves?)?modern/i.test(name)) return 'modern';
  return undefined;
}

/** `const legacy = await isLegacyRequest(req); if (legacy) …` */
function eraOfConstant(identifier: TSESTree.Identifier, sourceCode: SourceCode): Era | undefined {
  const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init || def.node.parent.kind !== 'const') return undefined;
  return def.node.init.type === AST_NODE_TYPES.Identifier ? undefined : eraTestedBy(def.node.init, sourceCode);
}

/** Strict: "not a 2025 version" is not taken to mean "2026-07-28". */
function eraOfComparison(node: TSESTree.BinaryExpression, sourceCode: SourceCode, strict: boolean): Era | undefined {
  const scope = sourceCode.getScope(node);
  const leftValue = ASTUtils.getStaticValue(node.left, scope)?.value;
  const rightValue = ASTUtils.getStaticValue(node.right, scope)?.value;
  const [value, other, operator] =
    typeof rightValue === 'string' ? [rightValue, node.left, node.operator] : typeof leftValue === 'string' ? [leftValue, node.right, mirror(node.operator)] : [];
  if (value === undefined || !other || !operator) return undefined;
  const otherText = sourceCode.getText(other);
  const negated = operator === '!==' || operator === '!=';
  if ((value === 'legacy' || value === 'modern') && /era/i.test(otherText)) {
    if (operator === '===' || operator === '==' || negated) return negated ? flip(value) : value;
  }
  if (!/version/i.test(otherText) && !/PROTOCOL_VERSION/.test(otherText)) return undefined;
  if (legacyVersion.test(value)) return operator === '===' || operator === '==' || operator === '<=' ? 'legacy' : negated && !strict ? 'modern' : undefined;
  if (value === modernRevision) {
    if (operator === '<' || negated) return 'legacy';
    if (operator === '===' || operator === '==' || operator === '>=') return 'modern';
  }
  return undefined;
}

function mirror(operator: string): string {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[operator] ?? operator;
}

function flip(era: Era | undefined): Era | undefined {
  return era === 'legacy' ? 'modern' : era === 'modern' ? 'legacy' : undefined;
}

function calleeText(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  return undefined;
}

/**
 * A function or variable whose every use in this file sits behind a legacy gate:
 * `(await isLegacyRequest(req)) ? legacyPost(req, res) : modern(req, res)`, or the session map
 * only `legacyPost` touches.
 */
function gateOfUses(name: TSESTree.Identifier, verb: string, sourceCode: SourceCode, depth: number): string | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(name), name);
  const uses = variable?.references.filter((reference) => reference.identifier !== name && !reference.init) ?? [];
  if (uses.length === 0) return undefined;
  const gates = uses.map((reference) => legacyGateOf(reference.identifier as TSESTree.Node, sourceCode, depth + 1));
  return gates.every(Boolean) ? `in \`${name.name}\`, which ${verb} only ${gates[0]!}` : undefined;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
