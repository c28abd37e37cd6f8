import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constantOrigin, staticValue } from '../src/ast/constants.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { enclosingFunction } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { calleeName, functionBindingName, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { handlerContextPath } from '../src/ast/sdk.js';
import { createRule } from '../src/create-rule.js';
import {
  bufferEncodings,
  decisionFieldPattern,
  inputRequestsKey,
  inputRequiredBuilder,
  inputRequiredResultType,
  inputResponseReaders,
  inputResponsesKey,
  plainDecoders,
  plainEncoders,
  requestStateKey,
} from '../src/mcp/request-state.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'mintsUnsealedState' | 'trustsUnsealedState' | 'unsealedStateGuardsDecision' | 'expectsAccumulatedResponses';

/** How a value was encoded or decoded, and the state fields it visibly carries. */
interface Coding {
  how: string;
  fields: string[];
}

/** One `input_required` result a handler returns. */
interface Round {
  node: TSESTree.Node;
  keys: string[];
  carriesState: boolean;
}

/** A read of one key of `inputResponses`. */
interface ResponseRead {
  node: TSESTree.Node;
  key: string;
}

const maxDepth = 4;

export default createRule<[], MessageIds>({
  name: 'require-sealed-request-state',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require MCP multi-round-trip requestState to be sealed against tampering, and not rebuilt from earlier rounds',
      spec: specUrls.mrtr,
      catalogue: ['M8', 'M10'],
      findings: {
        mintsUnsealedState: { severity: 'warning', fix: 'manual' },
        trustsUnsealedState: { severity: 'warning', fix: 'manual' },
        unsealedStateGuardsDecision: { severity: 'error', fix: 'manual' },
        expectsAccumulatedResponses: { severity: 'info', fix: 'manual' },
      },
      // State reports name `requestState`; round reports read `inputResponses` (or pass it to `acceptedContent`/`inputResponse`).
      prefilter: [requestStateKey, 'inputResponse', 'acceptedContent'],
    },
    messages: {
      mintsUnsealedState:
        'Returns `requestState` {{how}}, which the client can read and rewrite: MCP 2026-07-28 treats it as attacker-controlled. Seal it (HMAC or AEAD) bound to the principal, a short expiry and the method with a digest of its arguments; SDK v2: `createRequestStateCodec({ key, ttlSeconds, bind }).mint(state, ctx)`.',
      trustsUnsealedState:
        'Decodes the echoed `requestState` {{how}} without verifying it, so a client can forge or replay it: MCP 2026-07-28 treats it as attacker-controlled. Verify a seal first and reject failures with -32602; SDK v2: `ServerOptions.requestState.verify` with `createRequestStateCodec(…).verify`, then `ctx.mcpReq.requestState()`.',
      unsealedStateGuardsDecision:
        '`requestState` carries {{fields}} {{how}} without integrity protection, so a forged retry changes an authorization or business decision; MCP 2026-07-28 requires HMAC or AEAD protection for such state. Seal and verify it with SDK v2 `createRequestStateCodec({ key, ttlSeconds, bind })`, bound to the principal, a short expiry and the method with a digest of its arguments.',
      expectsAccumulatedResponses:
        'This round asks for {{requested}} without a `requestState`, but the handler reads `{{key}}` from `inputResponses` before it; MCP 2026-07-28 sends only the current round\'s responses on each retry, so `{{key}}` is missing again and the earlier round repeats. Carry earlier answers in a sealed `requestState`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const speaksMcp = fileEvidence(sourceCode).speaksMcp;
    const rounds = new Map<TSESTree.FunctionLike | undefined, Round[]>();
    const reads = new Map<TSESTree.FunctionLike | undefined, ResponseRead[]>();
    /** A server that configures `requestState: { verify }` gets verified payloads from `ctx.mcpReq.requestState()`. */
    let verifiesState = false;

    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);

    function stringOf(node: TSESTree.Node | undefined): string | undefined {
      const value = node ? staticValue(node, scopeOf(node))?.value : undefined;
      return typeof value === 'string' ? value : undefined;
    }

    function keyOf(property: TSESTree.Property): string | undefined {
      return property.computed ? stringOf(property.key) : propertyKeyName(property);
    }

    function propertyOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
      return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && keyOf(p) === key);
    }

    function objectOf(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
      if (!node) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const origin = constantOrigin(inner, scopeOf(inner))?.node;
      return origin?.type === AST_NODE_TYPES.ObjectExpression ? origin : undefined;
    }

    function isGlobalCall(call: TSESTree.CallExpression, object: string, method: string): boolean {
      const callee = unwrap(call.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed &&
        callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === object &&
        callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === method &&
        isUnshadowedGlobal(call, callee.object)
      );
    }

    /** A global (`JSON`, `Buffer`) that the file does not redeclare; lib globals may appear as variables without definitions. */
    function isUnshadowedGlobal(at: TSESTree.Node, identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(scopeOf(at), identifier);
      return variable === null || variable.defs.length === 0;
    }

    /** `Buffer.from(x, …).toString('base64')`: the `x`, when `call` is that `toString`. */
    function bufferSource(call: TSESTree.CallExpression, encodings: ReadonlySet<string> | 'any'): TSESTree.Node | undefined {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || calleeName(call) !== 'toString') return undefined;
      const encoding = stringOf(call.arguments[0]);
      if (encodings !== 'any' && (encoding === undefined || !encodings.has(encoding))) return undefined;
      const from = unwrap(callee.object);
      return from.type === AST_NODE_TYPES.CallExpression && isGlobalCall(from, 'Buffer', 'from') ? from.arguments[0] : undefined;
    }

    /** The names a value visibly carries: object keys, variable and property names. */
    function fieldsOf(node: TSESTree.Node | undefined, depth = 0): string[] {
      if (!node || depth > maxDepth) return [];
      const inner = unwrap(node);
      switch (inner.type) {
        case AST_NODE_TYPES.ObjectExpression:
          return inner.properties.flatMap((p) => {
            if (p.type === AST_NODE_TYPES.SpreadElement) return fieldsOf(p.argument, depth + 1);
            const key = keyOf(p);
            return [...(key ? [key] : []), ...fieldsOf(p.value, depth + 1)];
          });
        case AST_NODE_TYPES.Identifier: {
          const object = objectOf(inner);
          return object ? fieldsOf(object, depth + 1) : [inner.name];
        }
        case AST_NODE_TYPES.MemberExpression:
          return !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier ? [inner.property.name] : [];
        case AST_NODE_TYPES.TemplateLiteral:
          return inner.expressions.flatMap((e) => fieldsOf(e, depth + 1));
        case AST_NODE_TYPES.BinaryExpression:
          return [...fieldsOf(inner.left, depth + 1), ...fieldsOf(inner.right, depth + 1)];
        default:
          return [];
      }
    }

    // ---------------------------------------------------------------------------------
    // Minting: `requestState: JSON.stringify(x)` in an input_required result.
    // ---------------------------------------------------------------------------------

    /** A value that only encodes the state (JSON, base64, plain text), so anyone can read and forge it. */
    function plainEncoding(expression: TSESTree.Node, depth = 0): Coding | undefined {
      if (depth > maxDepth) return undefined;
      const node = unwrap(expression);
      if (node.type === AST_NODE_TYPES.CallExpression) {
        if (isGlobalCall(node, 'JSON', 'stringify')) return { how: 'as plain JSON (`JSON.stringify`)', fields: fieldsOf(node.arguments[0]) };
        const name = calleeName(node);
        const callee = unwrap(node.callee);
        if (name && callee.type === AST_NODE_TYPES.Identifier && plainEncoders.has(name) && node.arguments[0]) {
          const inner = plainEncoding(node.arguments[0], depth + 1);
          return { how: `as \`${name}()\` of ${inner ? 'JSON' : 'plain text'}`, fields: inner?.fields ?? fieldsOf(node.arguments[0]) };
        }
        const buffered = bufferSource(node, bufferEncodings);
        if (buffered) {
          const inner = plainEncoding(buffered, depth + 1);
          return { how: `as base64 of ${inner ? 'JSON' : 'plain text'} (\`Buffer.from(…).toString()\`)`, fields: inner?.fields ?? fieldsOf(buffered) };
        }
        return undefined;
      }
      if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length > 0) return { how: 'as plain text', fields: fieldsOf(node) };
      if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
        const isText = [node.left, node.right].some((side) => stringOf(side) === undefined);
        return isText ? { how: 'as plain text', fields: fieldsOf(node) } : undefined;
      }
      if (node.type === AST_NODE_TYPES.Identifier) {
        const origin = constantOrigin(node, scopeOf(node));
        return origin ? plainEncoding(origin.node, depth + 1) : undefined;
      }
      return undefined;
    }

    /** `{ resultType: 'input_required', … }`, an object with `inputRequests`, or the argument of SDK v2 `inputRequired(…)`. */
    function isInputRequiredResult(object: TSESTree.ObjectExpression): boolean {
      if (stringOf(propertyOf(object, 'resultType')?.value) === inputRequiredResultType) return true;
      if (propertyOf(object, inputRequestsKey)) return true;
      return isInputRequiredCallArgument(object);
    }

    function isInputRequiredCallArgument(object: TSESTree.Node): boolean {
      const { parent, child } = meaningfulParent(object);
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return false;
      return mcpExportOf(parent.callee, scopeOf(parent))?.name === inputRequiredBuilder;
    }

    function checkMint(property: TSESTree.Property): void {
      const object = property.parent as TSESTree.ObjectExpression;
      if (!isInputRequiredResult(object)) return;
      const coding = plainEncoding(property.value);
      if (coding) reportCoding(property.value, coding, 'mintsUnsealedState');
    }

    function reportCoding(node: TSESTree.Node, coding: Coding, plain: MessageIds): void {
      const decisions = [...new Set(coding.fields.filter((f) => decisionFieldPattern.test(f)))];
      if (decisions.length > 0) {
        const fields = decisions.slice(0, 3).map((f) => `\`${f}\``).join(', ');
        context.report({ node, messageId: 'unsealedStateGuardsDecision', data: { fields, how: coding.how.replace(/^as /, 'encoded as ').replace(/^from /, 'decoded from ') } });
      } else if (plain !== 'mintsUnsealedState' || mayReadStateBack(node)) {
        context.report({ node, messageId: plain, data: { how: coding.how } });
      }
    }

    // ---------------------------------------------------------------------------------
    // Whether minted state is ever read back. A forged value of a state nobody reads changes
    // nothing (the spec asks for integrity where the state drives authorization or business
    // logic), so plain state that only marks a round is left alone.
    // ---------------------------------------------------------------------------------

    /**
     * Whether the code that mints `mint` may read the echoed state: the outermost function around
     * it reads `requestState` (`ctx.mcpReq.requestState()`, `extra.requestState`,
     * `const { requestState } = request.params`), or a named helper that mints it is called from
     * code that does. Module-level state, and helpers that are exported or called at module level,
     * may be read anywhere, so they count as read.
     */
    function mayReadStateBack(mint: TSESTree.Node): boolean {
      const fn = enclosingFunction(mint);
      if (!fn) return true;
      const outer = outermostFunction(fn);
      if (readsRequestState(outer)) return true;
      const name = functionBindingName(fn);
      if (!name) return false;
      if (isExported(fn)) return true;
      const variable = ASTUtils.findVariable(scopeOf(name), name);
      for (const reference of variable?.references ?? []) {
        if (reference.init || reference.identifier === name) continue;
        const use = reference.identifier as TSESTree.Node;
        const { parent, child } = meaningfulParent(use);
        // Passed as a value (`handler: confirm`), the helper is the handler itself: its body was read.
        if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child) continue;
        const caller = enclosingFunction(use);
        if (!caller || readsRequestState(outermostFunction(caller))) return true;
      }
      return false;
    }

    function outermostFunction(fn: TSESTree.FunctionLike): TSESTree.FunctionLike {
      let outer = fn;
      for (let next = enclosingFunction(outer); next; next = enclosingFunction(outer)) outer = next;
      return outer;
    }

    function isExported(fn: TSESTree.FunctionLike): boolean {
      const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent?.parent;
      const parent = declaration?.parent?.type;
      return parent === AST_NODE_TYPES.ExportNamedDeclaration || parent === AST_NODE_TYPES.ExportDefaultDeclaration;
    }

    /** A read of `requestState` anywhere in `root`: a member, a destructured key, or a variable or parameter of that name. */
    function readsRequestState(root: TSESTree.Node): boolean {
      let found = false;
      walk(root, sourceCode.visitorKeys, (node) => {
        if (found) return;
        if (node.type === AST_NODE_TYPES.MemberExpression) {
          const key = node.computed ? stringOf(node.property) : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
          const { parent, child } = meaningfulParent(node);
          const assigned = parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child;
          found = key === requestStateKey && !assigned;
        } else if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern) {
          found = keyOf(node) === requestStateKey;
        } else if (node.type === AST_NODE_TYPES.Identifier && node.name === requestStateKey) {
          const parent = node.parent;
          const isName =
            (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) ||
            (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.shorthand) ||
            parent?.type.startsWith('TS');
          found = !isName;
        }
      });
      return found;
    }

    // ---------------------------------------------------------------------------------
    // Trusting: `JSON.parse(atob(params.requestState))` on the retry.
    // ---------------------------------------------------------------------------------

    /** `x.params.requestState`, a variable holding it, or v2 `ctx.mcpReq.requestState()` without a verify hook. */
    function isEchoedState(expression: TSESTree.Node, depth = 0): boolean {
      if (depth > maxDepth) return false;
      const node = unwrap(expression);
      switch (node.type) {
        case AST_NODE_TYPES.MemberExpression:
          return speaksMcp && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === requestStateKey && isParams(node.object);
        case AST_NODE_TYPES.CallExpression:
          return !verifiesState && handlerContextPath(node.callee, sourceCode)?.join('.') === `mcpReq.${requestStateKey}`;
        case AST_NODE_TYPES.LogicalExpression:
          return isEchoedState(node.left, depth + 1);
        case AST_NODE_TYPES.Identifier:
          return identifierHoldsEchoedState(node, depth);
        default:
          return false;
      }
    }

    function isParams(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'params';
      return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'params';
    }

    function identifierHoldsEchoedState(identifier: TSESTree.Identifier, depth: number): boolean {
      const def = ASTUtils.findVariable(scopeOf(identifier), identifier)?.defs[0];
      if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
      if (def.node.id === def.name) return isEchoedState(def.node.init, depth + 1);
      // `const { requestState } = request.params`
      const property = def.name.parent;
      return speaksMcp && property?.type === AST_NODE_TYPES.Property && propertyKeyName(property) === requestStateKey && isParams(def.node.init);
    }

    /** How a value decodes the echoed state: directly, or after `atob`/`Buffer.from(…, 'base64')`. */
    function decodingOfEcho(expression: TSESTree.Node, depth = 0): string | undefined {
      if (depth > maxDepth) return undefined;
      if (isEchoedState(expression)) return 'with `JSON.parse`';
      const node = unwrap(expression);
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(node);
        const callee = unwrap(node.callee);
        if (name && callee.type === AST_NODE_TYPES.Identifier && plainDecoders.has(name) && node.arguments[0]) {
          return decodingOfEcho(node.arguments[0], depth + 1) ? `from \`${name}()\` and \`JSON.parse\`` : undefined;
        }
        const buffered = bufferSource(node, 'any');
        if (buffered) return decodingOfEcho(buffered, depth + 1) ? 'from base64 (`Buffer.from`) and `JSON.parse`' : undefined;
      }
      if (node.type === AST_NODE_TYPES.Identifier) {
        const def = ASTUtils.findVariable(scopeOf(node), node)?.defs[0];
        if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) {
          const init = unwrap(def.node.init);
          return init.type === AST_NODE_TYPES.CallExpression ? decodingOfEcho(init, depth + 1) : undefined;
        }
      }
      return undefined;
    }

    /** The names the code reads from a parsed state: `const { userId } = …`, `state.approved`, `as { role: string }`. */
    function fieldsReadFrom(parse: TSESTree.CallExpression): string[] {
      const { parent, child } = meaningfulParent(parse);
      const fields: string[] = [];
      for (let node: TSESTree.Node = parse; node !== child; node = node.parent!) {
        const wrapper = node.parent;
        if (wrapper?.type === AST_NODE_TYPES.TSAsExpression && wrapper.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral) {
          for (const member of wrapper.typeAnnotation.members) {
            if (member.type === AST_NODE_TYPES.TSPropertySignature && member.key.type === AST_NODE_TYPES.Identifier) fields.push(member.key.name);
          }
        }
      }
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) fields.push(...fieldsOf(parent));
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) {
        if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const p of parent.id.properties) if (p.type === AST_NODE_TYPES.Property && propertyKeyName(p)) fields.push(propertyKeyName(p)!);
        } else if (parent.id.type === AST_NODE_TYPES.Identifier) {
          for (const reference of ASTUtils.findVariable(scopeOf(parent), parent.id)?.references ?? []) {
            const use = reference.identifier.parent;
            if (use?.type === AST_NODE_TYPES.MemberExpression && use.object === reference.identifier) fields.push(...fieldsOf(use));
          }
        }
      }
      return fields;
    }

    function checkTrust(call: TSESTree.CallExpression): void {
      if (!isGlobalCall(call, 'JSON', 'parse') || !call.arguments[0]) return;
      const how = decodingOfEcho(call.arguments[0]);
      if (how) reportCoding(call, { how, fields: fieldsReadFrom(call) }, 'trustsUnsealedState');
    }

    // ---------------------------------------------------------------------------------
    // Rounds that expect earlier inputResponses to accumulate (M10).
    // ---------------------------------------------------------------------------------

    function addRound(object: TSESTree.ObjectExpression): void {
      if (!isInputRequiredResult(object)) return;
      const requests = objectOf(propertyOf(object, inputRequestsKey)?.value);
      const keys = requests ? requests.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property && keyOf(p) ? [keyOf(p)!] : [])) : [];
      const fn = enclosingFunction(object);
      rounds.set(fn, [...(rounds.get(fn) ?? []), { node: object, keys, carriesState: propertyOf(object, requestStateKey) !== undefined }]);
    }

    function addRead(node: TSESTree.Node, key: string | undefined): void {
      if (key === undefined) return;
      const fn = enclosingFunction(node);
      reads.set(fn, [...(reads.get(fn) ?? []), { node, key }]);
    }

    /** `x.inputResponses`, `ctx.mcpReq.inputResponses`. */
    function isInputResponses(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === inputResponsesKey;
    }

    function collectRead(node: TSESTree.Node): void {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const reader = mcpExportOf(node.callee, scopeOf(node))?.name;
        if (reader && inputResponseReaders.has(reader)) addRead(node, stringOf(node.arguments[1]));
      } else if (node.type === AST_NODE_TYPES.MemberExpression && isInputResponses(node.object)) {
        addRead(node, node.computed ? stringOf(node.property) : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined);
      } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern && node.init) {
        const init = unwrap(node.init);
        const source = init.type === AST_NODE_TYPES.LogicalExpression ? init.left : init;
        if (!isInputResponses(source)) return;
        for (const p of node.id.properties) if (p.type === AST_NODE_TYPES.Property) addRead(p, keyOf(p));
      }
    }

    /**
     * Whether `round` is reached only once the answer `read` took is present: an early return on
     * its absence (`if (!date) return inputRequired(…)`) sits between them. A round before any
     * such guard is a first round, which needs nothing from earlier ones.
     */
    function guardedBy(read: ResponseRead, round: Round): boolean {
      const holder = variableHolding(read.node);
      const guards: TSESTree.IfStatement[] = [];
      for (let node: TSESTree.Node | undefined = round.node; node; node = node.parent) {
        const container = node.parent;
        const siblings = container?.type === AST_NODE_TYPES.BlockStatement || container?.type === AST_NODE_TYPES.Program ? container.body : [];
        for (const sibling of siblings) {
          const between = sibling.range[1] > read.node.range[0] && sibling.range[1] <= round.node.range[0];
          if (between && sibling.type === AST_NODE_TYPES.IfStatement) guards.push(sibling);
        }
        if (node === enclosingFunction(round.node)) break;
      }
      return guards.some((guard) => returns(guard.consequent) && (contains(guard.test, read.node) || (holder !== undefined && mentions(guard.test, holder))));
    }

    /** The variable a read is stored in: `const date = acceptedContent(…)`, `const { login } = params.inputResponses`. */
    function variableHolding(node: TSESTree.Node): TSESTree.Identifier | undefined {
      if (node.type === AST_NODE_TYPES.Property) return node.value.type === AST_NODE_TYPES.Identifier ? node.value : undefined;
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
        if (current.type === AST_NODE_TYPES.VariableDeclarator) return current.id.type === AST_NODE_TYPES.Identifier ? current.id : undefined;
        if (current.type.includes('Statement') || current.type.includes('Function')) return undefined;
      }
      return undefined;
    }

    function contains(root: TSESTree.Node, target: TSESTree.Node): boolean {
      return target.range[0] >= root.range[0] && target.range[1] <= root.range[1];
    }

    function mentions(expression: TSESTree.Node, identifier: TSESTree.Identifier): boolean {
      let found = false;
      walk(expression, sourceCode.visitorKeys, (node) => (found ||= node.type === AST_NODE_TYPES.Identifier && node.name === identifier.name));
      return found;
    }

    function returns(statement: TSESTree.Node): boolean {
      let found = false;
      walk(statement, sourceCode.visitorKeys, (node) => (found ||= node.type === AST_NODE_TYPES.ReturnStatement));
      return found;
    }

    function checkRounds(): void {
      for (const [fn, fnRounds] of rounds) {
        const fnReads = reads.get(fn) ?? [];
        for (const round of fnRounds) {
          if (round.carriesState || round.keys.length === 0) continue;
          const stale = fnReads.find(
            (read) =>
              read.node.range[0] < round.node.range[0] &&
              !round.keys.includes(read.key) &&
              fnRounds.some((other) => other !== round && other.keys.includes(read.key)) &&
              guardedBy(read, round),
          );
          if (!stale) continue;
          const requested = round.keys.map((k) => `\`${k}\``).join(', ');
          context.report({ node: round.node, messageId: 'expectsAccumulatedResponses', data: { requested, key: stale.key } });
        }
      }
    }

    const parses: TSESTree.CallExpression[] = [];

    return {
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression || keyOf(node) !== requestStateKey) return;
        const options = objectOf(node.value);
        if (options && propertyOf(options, 'verify')) verifiesState = true;
        checkMint(node);
      },
      ObjectExpression(node) {
        addRound(node);
      },
      'CallExpression, MemberExpression, VariableDeclarator'(node: TSESTree.CallExpression | TSESTree.MemberExpression | TSESTree.VariableDeclarator) {
        collectRead(node);
        if (node.type === AST_NODE_TYPES.CallExpression && isGlobalCall(node, 'JSON', 'parse')) parses.push(node);
      },
      'Program:exit'() {
        // After the whole file: a `requestState: { verify }` option anywhere changes what `ctx.mcpReq.requestState()` returns.
        for (const parse of parses) checkTrust(parse);
        checkRounds();
      },
    };
  },
});
