import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constantOrigin, staticValue } from '../src/ast/constants.js';
import { enclosingFunction } from '../src/ast/handlers.js';
import { callsOf, mcpHandlerAround } from '../src/ast/handler-functions.js';
import { calleeName, isFunction, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { sdkMethodCall } from '../src/ast/sdk.js';
import { createRule } from '../src/create-rule.js';
import {
  distinctiveListRegistrations,
  listChangingHandleMethods,
  listMethodOf,
  listRegistrations,
  routeMethods,
  runtimeCallbackCallees,
  type ListedKind,
} from '../src/mcp/registered-handles.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'changesListInHandler' | 'registersInHandler' | 'changesListAtRuntime';

/** A registration call and the kind of entry it adds. */
interface Registration {
  call: TSESTree.CallExpression;
  kind: ListedKind;
}

const registrationMethods: ReadonlySet<string> = new Set(Object.keys(listRegistrations));
/** Array and collection methods whose callback runs once per element. */
const iterationMethods: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter']);
const maxDepth = 5;

export default createRule<[], MessageIds>({
  name: 'no-dynamic-tool-list',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow tool, prompt and resource lists that vary per connection or with earlier requests, which MCP 2026-07-28 forbids',
      spec: specUrls.statelessness,
      catalogue: ['P9'],
      findings: {
        changesListInHandler: { severity: 'error', fix: 'manual' },
        registersInHandler: { severity: 'error', fix: 'manual' },
        changesListAtRuntime: { severity: 'warning', fix: 'manual' },
      },
      // Handles and registrations are traced to an SDK server, which needs an SDK import.
      prefilter: ['@modelcontextprotocol/'],
    },
    messages: {
      changesListInHandler:
        '`{{call}}` changes the {{kind}} list from {{where}}, so `{{list}}` depends on earlier requests; MCP 2026-07-28 forbids lists that vary per connection or as a side effect of other requests. Always list the {{kind}} and gate it by a handle argument (such as the `connection_id` an earlier tool returns), answering with an error result when the handle is missing or unknown.',
      registersInHandler:
        'Registers the {{kind}} `{{name}}` from {{where}}, so it appears in `{{list}}` only after that request; MCP 2026-07-28 forbids lists that vary per connection or as a side effect of other requests. Register it at start-up with the others and gate it by a handle argument, answering with an error result when the handle is missing or unknown.',
      changesListAtRuntime:
        '`{{call}}` changes the {{kind}} list while the server runs ({{trigger}}): 2026-07-28 clients hear of it only on a `subscriptions/listen` stream, and servers built per request (`createMcpHandler`) do not keep the change. Prefer a fixed list gated by arguments or authorization, or build the list from shared state in the server factory.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    function registrationOf(node: TSESTree.Node): Registration | undefined {
      const call = unwrap(node);
      if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const found = sdkMethodCall(call, sourceCode, { methods: registrationMethods, side: 'server', distinctive: distinctiveListRegistrations });
      return found ? { call, kind: listRegistrations[found.method]! } : undefined;
    }

    /**
     * The registration a handle expression holds: the call itself, a variable or `this` field
     * assigned from it, a property of a constant object, or an element of a collection the
     * file fills with handles (`handles.set(name, server.registerTool(…))`, `handles[name] = …`).
     */
    function handleOf(expression: TSESTree.Node, depth = 0): Registration | undefined {
      if (depth > maxDepth) return undefined;
      const node = unwrap(expression);
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression: {
          const direct = registrationOf(node);
          if (direct) return direct;
          const callee = unwrap(node.callee);
          const isGet = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'get';
          return isGet ? elementOf(callee.object, depth + 1) : undefined;
        }
        case AST_NODE_TYPES.AwaitExpression:
          return handleOf(node.argument, depth + 1);
        case AST_NODE_TYPES.Identifier:
          return firstHandle(writesTo(node), depth) ?? iteratedHandle(node, depth) ?? firstHandle(argumentsFor(node), depth);
        case AST_NODE_TYPES.MemberExpression: {
          if (node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed) return firstHandle(thisFieldWrites(node), depth);
          if (node.computed) return elementOf(node.object, depth + 1);
          const origin = constantOrigin(node, sourceCode.getScope(node));
          return origin ? handleOf(origin.node, depth + 1) : undefined;
        }
        default:
          return undefined;
      }
    }

    function firstHandle(values: TSESTree.Node[], depth: number): Registration | undefined {
      for (const value of values) {
        const found = handleOf(value, depth + 1);
        if (found) return found;
      }
      return undefined;
    }

    /** `for (const tool of handles.values())`: the loop variable holds the collection's elements. */
    function iteratedHandle(identifier: TSESTree.Identifier, depth: number): Registration | undefined {
      const declarator = variableOf(identifier)?.defs[0]?.node;
      const loop = declarator?.parent?.parent;
      if (loop?.type !== AST_NODE_TYPES.ForOfStatement) return undefined;
      const iterable = unwrap(loop.right);
      const callee = iterable.type === AST_NODE_TYPES.CallExpression ? unwrap(iterable.callee) : undefined;
      const isValues = callee?.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'values';
      return isValues ? elementOf(callee.object, depth + 1) : undefined;
    }

    /** What callers pass for a parameter of a local function: `unlock(this.tools)` for `function unlock(tools)`. */
    function argumentsFor(identifier: TSESTree.Identifier): TSESTree.Node[] {
      const def = variableOf(identifier)?.defs[0];
      if (def?.type !== 'Parameter' || !isFunction(def.node)) return [];
      const index = def.node.params.indexOf(def.name as TSESTree.Parameter);
      if (index < 0) return [];
      return callsOf(def.node, context).map((call) => call.arguments[index]).filter((a): a is TSESTree.CallExpressionArgument => a !== undefined);
    }

    /** The registration held by the elements of a collection. */
    function elementOf(collection: TSESTree.Node, depth: number): Registration | undefined {
      if (depth > maxDepth) return undefined;
      const node = unwrap(collection);
      if (node.type === AST_NODE_TYPES.Identifier) {
        for (const argument of argumentsFor(node)) {
          const passed = elementOf(argument, depth + 1);
          if (passed) return passed;
        }
      }
      const stored: TSESTree.Node[] = [];
      const holders = node.type === AST_NODE_TYPES.Identifier ? readsOf(node) : node.type === AST_NODE_TYPES.MemberExpression ? sameFieldReads(node) : [];
      for (const holder of holders) stored.push(...storedInto(holder));
      if (node.type === AST_NODE_TYPES.Identifier) {
        for (const value of writesTo(node)) {
          const object = unwrap(value);
          if (object.type === AST_NODE_TYPES.ObjectExpression) {
            for (const p of object.properties) if (p.type === AST_NODE_TYPES.Property) stored.push(p.value);
          }
        }
      }
      return firstHandle(stored, depth);
    }

    /** Values written into a collection read at `holder`: `holder[k] = v`, `holder.set(k, v)`. */
    function storedInto(holder: TSESTree.Node): TSESTree.Node[] {
      const member = holder.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== holder) return [];
      const outer = member.parent;
      if (member.computed && outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member) return [outer.right];
      const isSet = !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'set';
      if (isSet && outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === member && outer.arguments[1]) return [outer.arguments[1]];
      return [];
    }

    function variableOf(identifier: TSESTree.Identifier) {
      return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
    }

    function writesTo(identifier: TSESTree.Identifier): TSESTree.Node[] {
      const variable = variableOf(identifier);
      if (!variable) return [];
      const values: TSESTree.Node[] = [];
      for (const def of variable.defs) {
        if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) values.push(def.node.init);
      }
      for (const reference of variable.references) {
        if (reference.isWrite() && !reference.init && reference.writeExpr) values.push(reference.writeExpr);
      }
      return values;
    }

    function readsOf(identifier: TSESTree.Identifier): TSESTree.Node[] {
      return (variableOf(identifier)?.references ?? []).filter((r) => r.isRead()).map((r) => r.identifier);
    }

    function fieldName(member: TSESTree.MemberExpression): string | undefined {
      if (member.object.type !== AST_NODE_TYPES.ThisExpression || member.computed) return undefined;
      if (member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
      return member.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.property.name}` : undefined;
    }

    function classBodyOf(node: TSESTree.Node): TSESTree.ClassBody | undefined {
      for (let current = node.parent; current; current = current.parent) if (current.type === AST_NODE_TYPES.ClassBody) return current;
      return undefined;
    }

    /** Every `this.<field>` in the class of `member`, with the field's initialiser. */
    function sameFieldReads(member: TSESTree.MemberExpression): TSESTree.Node[] {
      const name = fieldName(member);
      const body = classBodyOf(member);
      if (!name || !body) return [];
      const found: TSESTree.Node[] = [];
      walk(body, sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.MemberExpression && fieldName(node) === name) found.push(node);
      });
      return found;
    }

    /** What a class assigns to `this.<field>`, and the field's initialiser. */
    function thisFieldWrites(member: TSESTree.MemberExpression): TSESTree.Node[] {
      const name = fieldName(member);
      const body = classBodyOf(member);
      if (!name || !body) return [];
      const values: TSESTree.Node[] = [];
      for (const element of body.body) {
        if (element.type === AST_NODE_TYPES.PropertyDefinition && element.value && propertyKeyName(element) === name.replace(/^#/, '')) values.push(element.value);
      }
      for (const read of sameFieldReads(member)) {
        const parent = read.parent;
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === read) values.push(parent.right);
      }
      return values;
    }

    /** How a callback that runs after start-up is triggered, if `node` sits in one. */
    function runtimeTrigger(node: TSESTree.Node): string | undefined {
      for (let current = node.parent; current; current = current.parent) {
        if (!isFunction(current)) continue;
        const call = current.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
        const name = calleeName(call);
        if (name && runtimeCallbackCallees.has(name)) return `in a \`${name}\` callback`;
        const path = call.arguments[0] && staticValue(call.arguments[0], sourceCode.getScope(call))?.value;
        if (name && routeMethods.has(name) && typeof path === 'string' && path.startsWith('/')) return `in the HTTP route \`${name.toUpperCase()} ${path}\``;
      }
      return undefined;
    }

    /** A handle toggled in the function that registered it is still being set up (per-request or per-user construction). */
    function isConstruction(toggle: TSESTree.Node, registration: Registration): boolean {
      return enclosingFunction(toggle) === enclosingFunction(registration.call);
    }

    /** A registration on a server the same handler created is building a new server, not changing this one's list. */
    function buildsOwnServer(registration: Registration, handlerFn: TSESTree.FunctionLike | undefined): boolean {
      const callee = unwrap(registration.call.callee);
      if (!handlerFn || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const receiver = unwrap(callee.object);
      if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
      const declaration = variableOf(receiver)?.defs[0]?.node;
      return declaration !== undefined && declaration.range[0] >= handlerFn.range[0] && declaration.range[1] <= handlerFn.range[1];
    }

    function describeCall(call: TSESTree.CallExpression): string {
      const text = `${sourceCode.getText(call.callee)}()`.replace(/\s+/g, ' ');
      return text.length > 50 ? `….${calleeName(call) ?? ''}()` : text;
    }

    // ---------------------------------------------------------------------------------
    // Per connection, or the same for everyone? A change the builder also derives from shared
    // state reaches every instance built afterwards: the list "changes over time", which
    // 2026-07-28 allows. A change only the handler makes stays with one instance (connection).
    // ---------------------------------------------------------------------------------

    /** Toggles seen in the file, with the registration each handle comes from. */
    const toggles: { call: TSESTree.CallExpression; registration: Registration }[] = [];

    /** The function that builds the server around a construction-time site, skipping loop callbacks (`notes.forEach(…)`). */
    function builderOf(site: TSESTree.Node): TSESTree.FunctionLike | undefined {
      for (let fn = enclosingFunction(site); fn; fn = enclosingFunction(fn)) {
        const call = fn.parent;
        const isLoopCallback = call?.type === AST_NODE_TYPES.CallExpression && iterationMethods.has(calleeName(call) ?? '') && call.arguments.includes(fn as TSESTree.CallExpressionArgument);
        if (!isLoopCallback) return fn;
      }
      return undefined;
    }

    /** Whether an expression reads a variable declared outside `builder` (module state, configuration). */
    function readsSharedState(expression: TSESTree.Node, builder: TSESTree.FunctionLike): boolean {
      let shared = false;
      walk(expression, sourceCode.visitorKeys, (node) => {
        if (shared || node.type !== AST_NODE_TYPES.Identifier) return;
        const declaration = variableOf(node)?.defs[0]?.node;
        shared = declaration !== undefined && (declaration.range[0] < builder.range[0] || declaration.range[1] > builder.range[1]);
      });
      return shared;
    }

    /** A site inside a builder function that runs only under a condition or loop over shared state. */
    function derivedFromSharedState(site: TSESTree.Node): boolean {
      const builder = builderOf(site);
      if (!builder || mcpHandlerAround(site, context)) return false;
      let child: TSESTree.Node = site;
      for (let parent = site.parent; parent && parent !== builder; child = parent, parent = parent.parent) {
        const condition = conditionOf(parent, child);
        if (condition && readsSharedState(condition, builder)) return true;
      }
      return false;
    }

    /** The test or iterable that decides whether `child` runs inside `parent`. */
    function conditionOf(parent: TSESTree.Node, child: TSESTree.Node): TSESTree.Node | undefined {
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          return child !== parent.test ? parent.test : undefined;
        case AST_NODE_TYPES.LogicalExpression:
          return child === parent.right ? parent.left : undefined;
        case AST_NODE_TYPES.ForOfStatement:
        case AST_NODE_TYPES.ForInStatement:
          return child === parent.body ? parent.right : undefined;
        case AST_NODE_TYPES.WhileStatement:
        case AST_NODE_TYPES.ForStatement:
          return child === parent.body ? (parent.test ?? undefined) : undefined;
        case AST_NODE_TYPES.CallExpression: {
          const callee = unwrap(parent.callee);
          const isLoop = iterationMethods.has(calleeName(parent) ?? '') && callee.type === AST_NODE_TYPES.MemberExpression && child !== parent.callee;
          return isLoop ? callee.object : undefined;
        }
        default:
          return undefined;
      }
    }

    /** The places a registration runs at construction: the call itself, or calls of the local helper it sits in. */
    function constructionSitesOf(registration: Registration): TSESTree.Node[] {
      const helper = enclosingFunction(registration.call);
      return [registration.call, ...(helper ? callsOf(helper, context) : [])];
    }

    /** Whether every new server instance repeats this list change from shared state. */
    function mirroredAtConstruction(registration: Registration): boolean {
      if (constructionSitesOf(registration).some(derivedFromSharedState)) return true;
      return toggles.some((toggle) => toggle.registration.call === registration.call && derivedFromSharedState(toggle.call));
    }

    function checkToggle(call: TSESTree.CallExpression, registration: Registration): void {
      if (isConstruction(call, registration)) return;
      const { kind } = registration;
      const data = { call: describeCall(call), kind, list: listMethodOf[kind] };
      const handler = mcpHandlerAround(call, context);
      const trigger = handler ? undefined : runtimeTrigger(call);
      if ((!handler && !trigger) || mirroredAtConstruction(registration)) return;
      if (handler) context.report({ node: call, messageId: 'changesListInHandler', data: { ...data, where: handler.description } });
      else if (trigger) context.report({ node: call, messageId: 'changesListAtRuntime', data: { ...data, trigger } });
    }

    function checkRegistration(registration: Registration): void {
      const { call } = registration;
      const handler = mcpHandlerAround(call, context);
      if (!handler || buildsOwnServer(registration, handler.fn) || mirroredAtConstruction(registration)) return;
      const first = call.arguments[0];
      const value = first && staticValue(first, sourceCode.getScope(call))?.value;
      const name = typeof value === 'string' ? value : first ? sourceCode.getText(first) : '…';
      context.report({
        node: call,
        messageId: 'registersInHandler',
        data: { kind: registration.kind, name, where: handler.description, list: listMethodOf[registration.kind] },
      });
    }

    const registrations: Registration[] = [];

    return {
      CallExpression(node) {
        const registration = registrationOf(node);
        if (registration) registrations.push(registration);
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || !listChangingHandleMethods.has(calleeName(node) ?? '')) return;
        const handle = handleOf(callee.object);
        if (handle) toggles.push({ call: node, registration: handle });
      },
      'Program:exit'() {
        for (const toggle of toggles) checkToggle(toggle.call, toggle.registration);
        for (const registration of registrations) checkRegistration(registration);
      },
    };
  },
});
