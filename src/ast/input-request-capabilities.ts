import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { capabilityOfInputRequest, missingCapabilityCode } from '../mcp/multi-round-trip.js';
import { isMcpModuleSpecifier } from '../mcp/packages.js';
import { staticValue } from './constants.js';
import { servedBySdk } from './hand-rolled-server.js';
import { negativeNumberLiteral, propertyKeyName, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What a file shows of checking a request's declared client capabilities. */
export interface CapabilityChecks {
  /** Capability names (`elicitation`, `sampling`, `roots`) the file reads off an object or passes to a check. */
  looked: ReadonlySet<string>;
  /** It answers -32021 (or names `MissingRequiredClientCapability`), so it refuses undeclared capabilities somewhere. */
  refuses: boolean;
}

const capabilityNames: ReadonlySet<string> = new Set(Object.values(capabilityOfInputRequest));
const cache = new WeakMap<object, CapabilityChecks>();

/**
 * Every sign in a file that it looks at which client capabilities a request declared: reads
 * of `caps.elicitation`, `caps?.['sampling']`, `'roots' in caps`, `const { elicitation } =
 * caps`, a check helper given the name (`hasCapability(meta, 'elicitation')`), and the -32021
 * refusal. Reads off an input response (`inputResponses.roots.roots`) are answers, not checks.
 */
export function capabilityChecksOf(sourceCode: SourceCode): CapabilityChecks {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const looked = new Set<string>();
  let refuses = false;
  const nameOf = (node: TSESTree.Node): string | undefined => {
    const value = staticValue(node, sourceCode.getScope(node))?.value;
    return typeof value === 'string' && capabilityNames.has(value) ? value : undefined;
  };
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.MemberExpression: {
        if (/response/i.test(sourceCode.getText(node.object))) return;
        const name = node.computed ? nameOf(node.property) : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
        if (name && capabilityNames.has(name)) looked.add(name);
        return;
      }
      case AST_NODE_TYPES.BinaryExpression: {
        const name = node.operator === 'in' ? nameOf(node.left) : undefined;
        if (name) looked.add(name);
        if (isMissingCapabilityCode(node.left) || isMissingCapabilityCode(node.right)) refuses = true;
        return;
      }
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of node.properties) {
          const name = property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined;
          if (name && capabilityNames.has(name)) looked.add(name);
        }
        return;
      case AST_NODE_TYPES.CallExpression:
        for (const argument of node.arguments) {
          const name = nameOf(argument);
          if (name) looked.add(name);
        }
        return;
      case AST_NODE_TYPES.Property:
        if (propertyKeyName(node) === 'code' && isMissingCapabilityCode(node.value)) refuses = true;
        return;
      case AST_NODE_TYPES.Identifier:
        if (/MissingRequiredClientCapability/.test(node.name)) refuses = true;
        return;
      default:
        return;
    }
  });
  const checks = { looked, refuses };
  cache.set(sourceCode.ast, checks);
  return checks;
}

function isMissingCapabilityCode(node: TSESTree.Node): boolean {
  return negativeNumberLiteral(unwrap(node)) === missingCapabilityCode;
}

/** SDK v2 packages whose servers check each embedded request against the request's declared capabilities themselves. */
const sdkServingPackages = /^@modelcontextprotocol\/(?:server|node|express|hono|fastify)(?:\/|$)/;

/**
 * Whether the SDK serves the results this file builds, and so refuses embedded input requests
 * for undeclared capabilities with -32021 on its own (`@modelcontextprotocol/server` 2.4,
 * `_invokeInputRequiredCapableHandler`): the file creates or types an SDK server, or imports an
 * SDK v2 serving package.
 */
export function sdkChecksCapabilities(sourceCode: SourceCode): boolean {
  if (servedBySdk(sourceCode)) return true;
  return sourceCode.ast.body.some((statement) => {
    const source = statement.type === AST_NODE_TYPES.ImportDeclaration ? statement.source.value : requiredModule(statement);
    return source !== undefined && isMcpModuleSpecifier(source) && sdkServingPackages.test(source);
  });
}

function requiredModule(statement: TSESTree.ProgramStatement): string | undefined {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
  for (const declarator of statement.declarations) {
    const init = declarator.init && unwrap(declarator.init);
    if (init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require') {
      const argument = init.arguments[0];
      if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
    }
  }
  return undefined;
}

