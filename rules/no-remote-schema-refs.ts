import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constantOrigin } from '../src/ast/constants.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { callsOf } from '../src/ast/handler-functions.js';
import { importedBindingOf } from '../src/ast/imports.js';
import { isFunction, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { isMcpModuleSpecifier } from '../src/mcp/packages.js';
import {
  ajvModules,
  mcpAjvExport,
  networkCallees,
  refParserClassExports,
  refParserModules,
  refParserResolvingMethods,
  toolSchemaFields,
} from '../src/mcp/schema-ref-resolvers.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'ajvLoadsRemoteRefs' | 'refParserResolvesHttp';

const maxDepth = 5;

export default createRule<[], MessageIds>({
  name: 'no-remote-schema-refs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow dereferencing network $refs in MCP tool schemas, which MCP 2026-07-28 forbids',
      spec: specUrls.jsonSchema,
      catalogue: ['P5'],
      findings: {
        ajvLoadsRemoteRefs: { severity: 'error', fix: 'manual' },
        refParserResolvesHttp: { severity: 'error', fix: 'manual' },
      },
      // Ajv reports need a `loadSchema` option; ref-parser reports need its import.
      prefilter: ['loadSchema', 'json-schema-ref-parser'],
    },
    messages: {
      ajvLoadsRemoteRefs:
        '`{{call}}` compiles an MCP tool schema with an Ajv `loadSchema` that fetches `$ref`s over the network; MCP 2026-07-28 forbids dereferencing network `$ref`s automatically. Compile with `compile()` and no `loadSchema`, and reject schemas with unresolved external `$ref`s (Ajv throws `MissingRefError`).',
      refParserResolvesHttp:
        "`{{call}}` dereferences an MCP tool schema with json-schema-ref-parser's HTTP resolver on (its default); MCP 2026-07-28 forbids dereferencing network `$ref`s automatically. Pass `{ resolve: { http: false } }` (or `external: false`), reject schemas whose external `$ref`s stay unresolved, and bound their depth.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const speaksMcp = fileEvidence(sourceCode).speaksMcp;

    function variableOf(identifier: TSESTree.Identifier) {
      return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
    }

    function objectOf(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
      if (!node) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const origin = constantOrigin(inner, sourceCode.getScope(inner))?.node;
      return origin?.type === AST_NODE_TYPES.ObjectExpression ? origin : undefined;
    }

    function propertyOf(object: TSESTree.ObjectExpression | undefined, key: string): TSESTree.Property | undefined {
      return object?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === key);
    }

    // ---------------------------------------------------------------------------------
    // Is the schema an MCP tool's?
    // ---------------------------------------------------------------------------------

    /**
     * `tool.inputSchema`/`outputSchema` in a file that speaks MCP, a copy of one
     * (`structuredClone(tool.inputSchema)`, `{ ...tool.inputSchema }`), a variable or parameter
     * holding one, or a parameter typed `Tool['inputSchema']`.
     */
    function isToolSchema(expression: TSESTree.Node | undefined, depth = 0): boolean {
      if (!expression || depth > maxDepth) return false;
      const node = unwrap(expression);
      switch (node.type) {
        case AST_NODE_TYPES.MemberExpression:
          return speaksMcp && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && toolSchemaFields.has(node.property.name);
        case AST_NODE_TYPES.AwaitExpression:
          return isToolSchema(node.argument, depth + 1);
        case AST_NODE_TYPES.CallExpression:
          return node.arguments.some((argument) => isToolSchema(argument, depth + 1));
        case AST_NODE_TYPES.ObjectExpression:
          return node.properties.some((p) => (p.type === AST_NODE_TYPES.SpreadElement ? isToolSchema(p.argument, depth + 1) : false));
        case AST_NODE_TYPES.Identifier:
          return identifierHoldsToolSchema(node, depth);
        default:
          return false;
      }
    }

    function identifierHoldsToolSchema(identifier: TSESTree.Identifier, depth: number): boolean {
      const variable = variableOf(identifier);
      if (!variable) return false;
      for (const def of variable.defs) {
        if (def.type === 'Parameter' && isFunction(def.node)) {
          if (isToolSchemaType(def.name)) return true;
          const index = def.node.params.indexOf(def.name as TSESTree.Parameter);
          if (index >= 0 && callsOf(def.node, context).some((call) => isToolSchema(call.arguments[index], depth + 1))) return true;
        }
        if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
          // `const { inputSchema } = tool`
          const key = def.name.parent?.type === AST_NODE_TYPES.Property ? propertyKeyName(def.name.parent) : undefined;
          if (key !== undefined && toolSchemaFields.has(key) && speaksMcp) return true;
          if (def.node.id === def.name && isToolSchema(def.node.init, depth + 1)) return true;
        }
      }
      return variable.references.some((r) => r.isWrite() && !r.init && r.writeExpr !== null && r.writeExpr !== undefined && isToolSchema(r.writeExpr, depth + 1));
    }

    /** `schema: Tool['inputSchema']` with `Tool` from an MCP package. */
    function isToolSchemaType(name: TSESTree.Node): boolean {
      const type = name.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
      if (type?.type !== AST_NODE_TYPES.TSIndexedAccessType || type.objectType.type !== AST_NODE_TYPES.TSTypeReference) return false;
      const index = type.indexType;
      const field = index.type === AST_NODE_TYPES.TSLiteralType && index.literal.type === AST_NODE_TYPES.Literal ? index.literal.value : undefined;
      const typeName = type.objectType.typeName;
      if (typeof field !== 'string' || !toolSchemaFields.has(field) || typeName.type !== AST_NODE_TYPES.Identifier) return false;
      const binding = importedBindingOf(typeName, sourceCode.getScope(typeName));
      return binding !== undefined && isMcpModuleSpecifier(binding.source);
    }

    // ---------------------------------------------------------------------------------
    // Ajv with a network loadSchema.
    // ---------------------------------------------------------------------------------

    function isAjvClass(callee: TSESTree.Node): boolean {
      const inner = unwrap(callee);
      const name = inner.type === AST_NODE_TYPES.Identifier ? inner : inner.type === AST_NODE_TYPES.MemberExpression ? rootIdentifier(inner) : undefined;
      const binding = name && importedBindingOf(name, sourceCode.getScope(name));
      if (!binding) return false;
      if (isMcpModuleSpecifier(binding.source)) return binding.imported === mcpAjvExport;
      return ajvModules.some((pattern) => pattern.test(binding.source));
    }

    function rootIdentifier(member: TSESTree.MemberExpression): TSESTree.Identifier | undefined {
      let node: TSESTree.Node = member;
      while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
      return node.type === AST_NODE_TYPES.Identifier ? node : undefined;
    }

    /** The `new Ajv(options)` an expression holds: in place, through a variable or a `this` field. */
    function ajvConstruction(expression: TSESTree.Node, depth = 0): TSESTree.NewExpression | undefined {
      if (depth > maxDepth) return undefined;
      const node = unwrap(expression);
      if (node.type === AST_NODE_TYPES.NewExpression) return isAjvClass(node.callee) ? node : undefined;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(node);
        for (const def of variable?.defs ?? []) {
          if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) {
            const found = ajvConstruction(def.node.init, depth + 1);
            if (found) return found;
          }
        }
        for (const reference of variable?.references ?? []) {
          if (reference.isWrite() && !reference.init && reference.writeExpr) {
            const found = ajvConstruction(reference.writeExpr, depth + 1);
            if (found) return found;
          }
        }
      }
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) return thisFieldAjv(node, depth);
      return undefined;
    }

    function thisFieldAjv(member: TSESTree.MemberExpression, depth: number): TSESTree.NewExpression | undefined {
      const name = !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
      let body: TSESTree.Node | undefined = member.parent;
      while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
      if (!name || !body) return undefined;
      let found: TSESTree.NewExpression | undefined;
      walk(body, sourceCode.visitorKeys, (node) => {
        if (found) return;
        if (node.type === AST_NODE_TYPES.PropertyDefinition && propertyKeyName(node) === name && node.value) found = ajvConstruction(node.value, depth + 1);
        const isFieldWrite =
          node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression &&
          node.left.object.type === AST_NODE_TYPES.ThisExpression && !node.left.computed &&
          node.left.property.type === AST_NODE_TYPES.Identifier && node.left.property.name === name;
        if (isFieldWrite) found = ajvConstruction(node.right, depth + 1);
      });
      return found;
    }

    /** Whether a `loadSchema` value may fetch: a function that calls the network, or one the file cannot see. */
    function loaderFetches(value: TSESTree.Node): boolean {
      const node = unwrap(value);
      let fn: TSESTree.Node | undefined = isFunction(node) ? node : undefined;
      if (!fn && node.type === AST_NODE_TYPES.Identifier) {
        const def = variableOf(node)?.defs[0];
        if (!def || def.type === 'ImportBinding') return true;
        if (def.type === 'FunctionName') fn = def.node;
        else if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) fn = unwrap(def.node.init);
      }
      if (!fn || !isFunction(fn)) return true;
      let fetches = false;
      walk(fn, sourceCode.visitorKeys, (inner) => {
        if (inner.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = unwrap(inner.callee);
        const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? rootIdentifier(callee)?.name : undefined;
        if (name && networkCallees.has(name)) fetches = true;
      });
      return fetches;
    }

    function checkCompileAsync(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
      if (!isToolSchema(call.arguments[0])) return;
      const construction = ajvConstruction(callee.object);
      const loader = propertyOf(objectOf(construction?.arguments[0]), 'loadSchema');
      if (!loader || !loaderFetches(loader.value)) return;
      context.report({ node: call, messageId: 'ajvLoadsRemoteRefs', data: { call: `${sourceCode.getText(callee)}()` } });
    }

    // ---------------------------------------------------------------------------------
    // json-schema-ref-parser with HTTP resolution.
    // ---------------------------------------------------------------------------------

    function refParserBinding(identifier: TSESTree.Identifier): string | undefined {
      const binding = importedBindingOf(identifier, sourceCode.getScope(identifier));
      return binding && refParserModules.has(binding.source) ? binding.imported : undefined;
    }

    /** `$RefParser.dereference`, `new $RefParser().dereference`, `parser.dereference`, or a named `dereference` import. */
    function isRefParserCall(callee: TSESTree.Node): boolean {
      const node = unwrap(callee);
      if (node.type === AST_NODE_TYPES.Identifier) {
        const imported = refParserBinding(node);
        return imported !== undefined && refParserResolvingMethods.has(imported);
      }
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
      if (!refParserResolvingMethods.has(node.property.name)) return false;
      return isRefParserClass(node.object) || isRefParserInstance(node.object);
    }

    function isRefParserClass(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const imported = refParserBinding(inner);
        return imported !== undefined && refParserClassExports.has(imported);
      }
      // `require('@apidevtools/json-schema-ref-parser').default`
      return inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.Identifier && isRefParserClass(inner.object);
    }

    function isRefParserInstance(node: TSESTree.Node, depth = 0): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.NewExpression) return isRefParserClass(inner.callee);
      if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const def = variableOf(inner)?.defs[0];
      return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init !== null && isRefParserInstance(def.node.init, depth + 1);
    }

    /**
     * Options that turn network resolution off (`resolve: { http: false }`, `external: false`),
     * restrict it to an allowlist (`http: { canRead: /^https:\/\/schemas\.example\.com\// }`), or
     * configure it in a way the file does not show. An `http` object without `canRead` (timeouts,
     * headers) still fetches any URL.
     */
    function disablesHttp(call: TSESTree.CallExpression): boolean {
      for (const argument of call.arguments) {
        const resolve = objectOf(propertyOf(objectOf(argument), 'resolve')?.value);
        if (!resolve) continue;
        const external = propertyOf(resolve, 'external')?.value;
        if (external && !isLiteral(external, true)) return true;
        const http = propertyOf(resolve, 'http')?.value;
        if (!http || isLiteral(http, true)) continue;
        const settings = objectOf(http);
        if (!settings || propertyOf(settings, 'canRead')) return true;
      }
      return false;
    }

    function isLiteral(node: TSESTree.Node, value: unknown): boolean {
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.Literal && inner.value === value;
    }

    function checkRefParser(call: TSESTree.CallExpression): void {
      if (!isRefParserCall(call.callee) || !call.arguments.some((argument) => isToolSchema(argument)) || disablesHttp(call)) return;
      context.report({ node: call, messageId: 'refParserResolvesHttp', data: { call: `${sourceCode.getText(unwrap(call.callee))}()` } });
    }

    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'compileAsync') {
          checkCompileAsync(node, callee);
          return;
        }
        checkRefParser(node);
      },
    };
  },
});
