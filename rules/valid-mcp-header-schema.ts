import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { staticValue } from '../src/ast/constants.js';
import { importedBindingOf } from '../src/ast/imports.js';
import { calleeName, meaningfulParent, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { isTestModule } from '../src/ast/test-module.js';
import { createRule } from '../src/create-rule.js';
import { specUrls } from '../src/mcp/spec.js';
import {
  headerNameToken,
  namedSubschemaKeywords,
  permittedHeaderTypes,
  unreachableSubschemaKeywords,
  xMcpHeaderKey,
  zodBaseTypes,
  zodIntegerModifiers,
  zodNullableModifiers,
  zodOpaqueModifiers,
  zodShapeBuilders,
  zodWrappers,
} from '../src/mcp/x-mcp-header.js';

type MessageIds = 'headerOnUnreachableProperty' | 'invalidHeaderName' | 'headerOnUnsupportedType' | 'duplicateHeaderName';

/** Where a marked schema sits: the schema it belongs to (for duplicates), and why it is unreachable, if it is. */
interface Placement {
  root: TSESTree.Node;
  unreachableVia?: string;
  /** In an `outputSchema`, where clients ignore `x-mcp-header`. */
  ignored?: boolean;
}

/** A marked property's type as far as the code shows it: undefined when it cannot be judged. */
type Judged = { type: string | undefined } | undefined;

/** Words by which a tool's name or description says something is wrong with it on purpose. */
const faultWords: ReadonlySet<string> = new Set(['invalid', 'malformed', 'bad', 'broken', 'illegal']);
/** ... and that the fault is its header declaration. */
const headerWords: ReadonlySet<string> = new Set(['header', 'headers']);

/** `invalid_header_tool`, `badHeaderTool`, "an invalid x-mcp-header annotation" → their lower-case words. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export default createRule<[], MessageIds>({
  name: 'valid-mcp-header-schema',
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce the x-mcp-header rules of MCP 2026-07-28, without which HTTP clients drop the tool',
      spec: specUrls.streamableHttp,
      catalogue: ['P6'],
      findings: {
        headerOnUnreachableProperty: { severity: 'error', fix: 'manual' },
        invalidHeaderName: { severity: 'error', fix: 'manual' },
        headerOnUnsupportedType: { severity: 'error', fix: 'manual' },
        duplicateHeaderName: { severity: 'error', fix: 'manual' },
      },
      prefilter: [xMcpHeaderKey],
    },
    messages: {
      headerOnUnreachableProperty:
        '`x-mcp-header` sits {{via}}, but MCP 2026-07-28 allows it only on properties reached from the root through `properties` alone, and HTTP clients drop this tool from tools/list. Put it on a top-level (or nested `properties`) property instead.',
      invalidHeaderName:
        '`x-mcp-header` {{value}} is not a valid header name: MCP 2026-07-28 requires a non-empty RFC 9110 token (no spaces, `:`, CR/LF or other delimiters), and HTTP clients drop this tool from tools/list. Use a name such as `Region`.',
      headerOnUnsupportedType:
        '`x-mcp-header` is on a property of type {{type}}, but MCP 2026-07-28 allows it only on single-typed `string`, `integer` and `boolean` properties (not `number`), and HTTP clients drop this tool from tools/list. Use `type: "integer"` (zod: `z.number().int()`) or a string.',
      duplicateHeaderName:
        '`x-mcp-header` `{{name}}` repeats `{{first}}` in the same tool (header names are case-insensitive), and HTTP clients drop this tool from tools/list. Give each property its own header name.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    /** Header names declared so far per tool schema, lower-cased, with their first spelling. */
    const namesByRoot = new Map<TSESTree.Node, Map<string, string>>();

    function keyOf(property: TSESTree.Property): string | undefined {
      if (!property.computed) return propertyKeyName(property);
      const value = staticValue(property.key, sourceCode.getScope(property.key))?.value;
      return typeof value === 'string' ? value : undefined;
    }

    function propertyOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
      return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && keyOf(p) === key);
    }

    // ---------------------------------------------------------------------------------
    // JSON Schema literals.
    // ---------------------------------------------------------------------------------

    /** Climbs from a schema object to the tool's root schema through `properties` and the keywords around it. */
    function jsonPlacement(schema: TSESTree.ObjectExpression): Placement {
      let current: TSESTree.Node = schema;
      let hops = 0;
      for (;;) {
        const { parent, child } = meaningfulParent(current);
        if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
          const keyword = keywordHolding(parent);
          return keyword && unreachableSubschemaKeywords.has(keyword) ? { root: current, unreachableVia: `under \`${keyword}\`` } : { root: current };
        }
        if (parent?.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'fromJsonSchema' && parent.arguments[0] === child) {
          return hops === 0 ? { root: current, unreachableVia: 'on the root schema' } : { root: current };
        }
        if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return { root: current };
        const container = parent.parent;
        const mapKeyword = keywordHolding(container);
        if (mapKeyword && namedSubschemaKeywords.has(mapKeyword)) {
          if (mapKeyword !== 'properties') return { root: current, unreachableVia: `under \`${mapKeyword}\`` };
          hops++;
          current = meaningfulParent(container).parent!.parent!;
          continue;
        }
        const key = keyOf(parent);
        if (key === 'outputSchema') return { root: current, ignored: true };
        if (key && unreachableSubschemaKeywords.has(key)) return { root: current, unreachableVia: `under \`${key}\`` };
        if (key === 'inputSchema' && hops === 0) return { root: current, unreachableVia: 'on the root schema' };
        return { root: current };
      }
    }

    /** The key of the property whose value is `node` (`anyOf` for the array of `anyOf: [...]`). */
    function keywordHolding(node: TSESTree.Node): string | undefined {
      const { parent, child } = meaningfulParent(node);
      return parent?.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression ? keyOf(parent) : undefined;
    }

    function jsonType(schema: TSESTree.ObjectExpression): Judged {
      if (schema.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const type = propertyOf(schema, 'type');
      if (!type) return { type: undefined };
      const value = staticValue(type.value, sourceCode.getScope(type.value))?.value;
      if (typeof value === 'string') return { type: value };
      return Array.isArray(value) ? { type: value.join(' | ') } : undefined;
    }

    // ---------------------------------------------------------------------------------
    // Zod schemas: `.meta({ 'x-mcp-header': … })`.
    // ---------------------------------------------------------------------------------

    /** The methods chained onto `call` (`.optional().array()`), and the outermost call of the chain. */
    function chainAbove(call: TSESTree.CallExpression): { methods: string[]; outer: TSESTree.CallExpression } {
      const methods: string[] = [];
      let outer = call;
      for (;;) {
        const member = outer.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outer || member.property.type !== AST_NODE_TYPES.Identifier) break;
        const next = member.parent;
        if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
        methods.push(member.property.name);
        outer = next;
      }
      return { methods, outer };
    }

    /** The methods from the base (`z.string()`) up to the call below `call`, base first, and the base's receiver. */
    function chainBelow(call: TSESTree.CallExpression): { methods: string[]; base: TSESTree.CallExpression } {
      const methods: string[] = [];
      let current = call;
      for (;;) {
        const callee = unwrap(current.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
        const inner = unwrap(callee.object);
        if (inner.type !== AST_NODE_TYPES.CallExpression) break;
        current = inner;
        const name = calleeName(current);
        if (name) methods.unshift(name);
      }
      return { methods, base: current };
    }

    function isZodNamespace(node: TSESTree.Node): boolean {
      let root = unwrap(node);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const binding = importedBindingOf(root, sourceCode.getScope(root));
      return binding !== undefined && /^zod(?:\/|$)/.test(binding.source);
    }

    function zodType(meta: TSESTree.CallExpression): Judged {
      const { methods, base } = chainBelow(meta);
      const callee = unwrap(base.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !isZodNamespace(callee.object)) return undefined;
      const modifiers = methods.slice(1);
      if (modifiers.some((m) => zodOpaqueModifiers.has(m))) return undefined;
      let type = baseType(base, methods[0]);
      if (type === undefined) return undefined;
      for (const modifier of modifiers) {
        if (type === 'number' && zodIntegerModifiers.has(modifier)) type = 'integer';
        else if (modifier === 'array') type = 'array';
        else if (modifier === 'or' || modifier === 'and') type = 'a union (no single type)';
        else if (zodNullableModifiers.has(modifier)) type = `${type} | null`;
      }
      return { type };
    }

    function baseType(base: TSESTree.CallExpression, name: string | undefined): string | undefined {
      if (name !== 'literal') return name ? zodBaseTypes[name] : undefined;
      const argument = base.arguments[0];
      const value = argument ? staticValue(argument, sourceCode.getScope(argument))?.value : undefined;
      return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : undefined;
    }

    /** Climbs from a `.meta()` call to the tool schema through zod shapes, noting wrappers on the way. */
    function zodPlacement(meta: TSESTree.CallExpression): Placement {
      let { methods, outer } = chainAbove(meta);
      let hops = 0;
      for (;;) {
        const wrapper = methods.find((m) => zodWrappers[m] !== undefined);
        if (wrapper) return { root: outer, unreachableVia: `under ${zodWrappers[wrapper]!} (\`.${wrapper}()\`)` };
        const { parent, child } = meaningfulParent(outer);
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
          const name = calleeName(parent) ?? '';
          if (zodWrappers[name]) return { root: outer, unreachableVia: `under ${zodWrappers[name]!} (\`z.${name}()\`)` };
          if (name !== 'optional') return { root: outer };
          ({ methods, outer } = chainAbove(parent));
          continue;
        }
        if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
          const holder = meaningfulParent(parent).parent;
          const name = holder?.type === AST_NODE_TYPES.CallExpression ? (calleeName(holder) ?? '') : '';
          return zodWrappers[name] ? { root: outer, unreachableVia: `under ${zodWrappers[name]!} (\`z.${name}()\`)` } : { root: outer };
        }
        if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return { root: outer };
        if (keyOf(parent) === 'outputSchema') return { root: outer, ignored: true };
        if (keyOf(parent) === 'inputSchema') return hops === 0 ? { root: outer, unreachableVia: 'on the root schema' } : { root: outer };
        const shape = parent.parent;
        const { parent: shapeParent, child: shapeChild } = meaningfulParent(shape);
        if (shapeParent?.type === AST_NODE_TYPES.CallExpression && zodShapeBuilders.has(calleeName(shapeParent) ?? '') && shapeParent.arguments.includes(shapeChild as TSESTree.CallExpressionArgument)) {
          hops++;
          ({ methods, outer } = chainAbove(shapeParent));
          continue;
        }
        // A v1 raw shape (`inputSchema: { region: z.string()… }`) or a shape constant: the tool's root.
        return keywordHolding(shape) === 'outputSchema' ? { root: shape, ignored: true } : { root: shape };
      }
    }

    /** The `.meta()` call an object literal is the argument of. */
    function metaCallOf(object: TSESTree.ObjectExpression): TSESTree.CallExpression | undefined {
      const { parent, child } = meaningfulParent(object);
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child || calleeName(parent) !== 'meta') return undefined;
      return unwrap(parent.callee).type === AST_NODE_TYPES.MemberExpression ? parent : undefined;
    }

    // ---------------------------------------------------------------------------------
    // Checks, in the order the SDK applies them.
    // ---------------------------------------------------------------------------------

    /**
     * The name, title and description a tool gives itself, for the tool whose `inputSchema` holds
     * `node`: the keys of the tool object (`{ name, description, inputSchema }`), and the name
     * that `registerTool('name', { inputSchema })` passes beside its config.
     */
    function toolTextsAround(node: TSESTree.Node): string[] {
      for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
        if (parent.type !== AST_NODE_TYPES.Property || parent.value !== child || keyOf(parent) !== 'inputSchema') continue;
        const tool = parent.parent;
        if (tool.type !== AST_NODE_TYPES.ObjectExpression) return [];
        const texts = ['name', 'title', 'description'].flatMap((key) => {
          const value = propertyOf(tool, key)?.value;
          const text = value && staticValue(value, sourceCode.getScope(value))?.value;
          return typeof text === 'string' ? [text] : [];
        });
        const { parent: call, child: config } = meaningfulParent(tool);
        if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.indexOf(config as TSESTree.CallExpressionArgument) > 0 && call.arguments[0]) {
          const name = staticValue(call.arguments[0], sourceCode.getScope(call.arguments[0]))?.value;
          if (typeof name === 'string') texts.push(name);
        }
        return texts;
      }
      return [];
    }

    /**
     * A negative fixture: a tool whose own name or description says its header is invalid
     * (`invalid_header_tool`, "a tool with a malformed x-mcp-header"), served on purpose so a
     * client's test can check that it drops the tool.
     */
    function isDeclaredInvalid(declaration: TSESTree.Property): boolean {
      return toolTextsAround(declaration).some((text) => {
        const words = wordsOf(text);
        return words.some((word) => faultWords.has(word)) && words.some((word) => headerWords.has(word));
      });
    }

    function check(declaration: TSESTree.Property): void {
      if (isDeclaredInvalid(declaration)) return;
      const schema = declaration.parent as TSESTree.ObjectExpression;
      const meta = metaCallOf(schema);
      const placement = meta ? zodPlacement(meta) : jsonPlacement(schema);
      if (placement.ignored) return;
      if (placement.unreachableVia) {
        context.report({ node: declaration, messageId: 'headerOnUnreachableProperty', data: { via: placement.unreachableVia } });
        return;
      }
      const value = staticValue(declaration.value, sourceCode.getScope(declaration.value));
      if (!value) return;
      if (typeof value.value !== 'string' || !headerNameToken.test(value.value)) {
        context.report({ node: declaration, messageId: 'invalidHeaderName', data: { value: JSON.stringify(value.value) ?? String(value.value) } });
        return;
      }
      const judged = meta ? zodType(meta) : jsonType(schema);
      if (judged && (judged.type === undefined || !permittedHeaderTypes.has(judged.type))) {
        context.report({ node: declaration, messageId: 'headerOnUnsupportedType', data: { type: judged.type === undefined ? 'none (no `type`)' : `\`${judged.type}\`` } });
        if (judged.type !== 'number') return;
      }
      checkUnique(declaration, value.value, placement.root);
    }

    function checkUnique(declaration: TSESTree.Property, name: string, root: TSESTree.Node): void {
      const names = namesByRoot.get(root) ?? new Map<string, string>();
      namesByRoot.set(root, names);
      const first = names.get(name.toLowerCase());
      if (first === undefined) names.set(name.toLowerCase(), name);
      else context.report({ node: declaration, messageId: 'duplicateHeaderName', data: { name, first } });
    }

    // Tools a test module declares are fixtures served to the client under test, invalid on purpose or not.
    if (isTestModule(sourceCode.ast)) return {};

    return {
      Property(node) {
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression && keyOf(node) === xMcpHeaderKey) check(node);
      },
    };
  },
});
