import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { calledLocalFunction, calleeName, unwrap, walk } from '../ast/nodes.js';

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

/**
 * Whether statements may run a second time without harm: what a multi-round-trip handler runs
 * again when the client retries with the answers it asked for. Nothing can prove that calls are
 * free of effects, so this is a rule of thumb, and callers mark what it lets through:
 *
 * - no assignment, `++`/`--` or `delete` on anything declared outside the code looked at
 *   (locals of the statements, and of the local functions they call, are fine);
 * - no call whose name starts with a verb that writes (`writeFile`, `append`, `saveNote`,
 *   `deleteRow`, `set`, `send`, `emit`, `post`, `put`, `update`, `create`, `insert`, `remove`,
 *   `push`, `notify`, …), except a method called on an object the code itself created
 *   (`results.push(…)`) and a log line (`console.*`, `log.*`, `logger.*`, `sendLoggingMessage`,
 *   `mcpReq.log`), which may be repeated;
 * - no call by a computed name (`handlers[name]()`), and no call with an HTTP `method` that
 *   writes in its options (`fetch(url, { method: 'POST' })`);
 * - calls of functions declared in the same file are followed into their bodies (three deep),
 *   with the same rule; imported functions are judged by their names alone;
 * - statements of the handler itself: declarations, log-line statements, `if`s whose branch
 *   only returns or throws (it cannot have run on the pass that went on to ask), and the rest
 *   of the handler's plain blocks. Loops and other statements are not accepted.
 */
export function isRepeatableStatement(code: Code, statement: Node): boolean {
  switch (statement.type) {
    case 'VariableDeclaration':
      return statement.declarations.every((d) => !d.init || isRepeatable(code, d.init, statement));
    case 'FunctionDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSInterfaceDeclaration':
    case 'EmptyStatement':
      return true;
    case 'ExpressionStatement':
      // A statement run for its effect is repeatable only when that effect is a log line.
      return isLogCall(statement.expression) && isRepeatable(code, statement.expression, statement);
    case 'IfStatement':
      return (
        isRepeatable(code, statement.test, statement) &&
        (exitsOnly(statement.consequent) || isRepeatableStatement(code, statement.consequent)) &&
        (!statement.alternate || isRepeatableStatement(code, statement.alternate))
      );
    case 'BlockStatement':
      return statement.body.every((s) => isRepeatableStatement(code, s));
    default:
      return false;
  }
}

/** Whether a statement is (an `await` of) a log call: `console.log(…)`, `logger.info(…)`, `server.sendLoggingMessage(…)`, `ctx.mcpReq.log(…)`. */
export function isLogCall(expression: Node): boolean {
  let inner = unwrap(expression);
  if (inner.type === 'AwaitExpression') inner = unwrap(inner.argument);
  // `.catch(() => undefined)` after a log call that returns a promise.
  if (inner.type === 'CallExpression' && calleeName(inner) === 'catch' && inner.callee.type === 'MemberExpression') inner = unwrap(inner.callee.object);
  if (inner.type !== 'CallExpression') return false;
  const callee = unwrap(inner.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  if (callee.property.name === 'sendLoggingMessage') return true;
  const owner = unwrap(callee.object);
  const ownerName = owner.type === 'Identifier' ? owner.name : owner.type === 'MemberExpression' && !owner.computed && owner.property.type === 'Identifier' ? owner.property.name : undefined;
  if (ownerName === 'mcpReq') return callee.property.name === 'log';
  return ownerName !== undefined && loggers.test(ownerName);
}

const loggers = /^(?:log|logger|console)$/i;

/** Verbs that say a call changes something: the first word of a call's name (`saveNote` → `save`). */
const writeVerbs: ReadonlySet<string> = new Set([
  'write', 'append', 'save', 'persist', 'delete', 'del', 'remove', 'rm', 'rmdir', 'unlink', 'mkdir', 'mkdtemp', 'set', 'put', 'post', 'patch',
  'send', 'emit', 'publish', 'notify', 'dispatch', 'broadcast', 'update', 'upsert', 'create', 'insert', 'add', 'push', 'pop', 'shift', 'unshift',
  'splice', 'clear', 'reset', 'increment', 'incr', 'decrement', 'decr', 'enqueue', 'dequeue', 'schedule', 'start', 'stop', 'kill', 'close',
  'destroy', 'drop', 'truncate', 'rename', 'move', 'copy', 'commit', 'rollback', 'exec', 'execute', 'run', 'spawn', 'fork', 'lock', 'unlock',
  'enable', 'disable', 'register', 'unregister', 'subscribe', 'unsubscribe', 'charge', 'pay', 'transfer', 'submit', 'sync', 'flush', 'upload',
  'install', 'deploy', 'trigger', 'fire', 'record', 'track', 'assign', 'cancel', 'abort', 'approve', 'reject', 'sign', 'grant', 'revoke',
]);

function verbOf(name: string): string {
  return (/^[a-z]+|^[A-Z][a-z]*/.exec(name)?.[0] ?? name).toLowerCase();
}

/** `expression` (and the local functions it calls) assigns nothing outside `root` and calls nothing named like a write. */
function isRepeatable(code: Code, expression: Node, root: Node, depth = 0, seen = new Set<Node>()): boolean {
  let ok = true;
  const declaredInside = (identifier: TSESTree.Identifier) => {
    const variable = ASTUtils.findVariable(code.getScope(identifier), identifier);
    const def = variable?.defs[0]?.node as Node | undefined;
    return def !== undefined && def.range[0] >= root.range[0] && def.range[1] <= root.range[1];
  };
  /** The variable a target or a method's object starts from: `a` of `a.b.c`; undefined for `this` and calls. */
  const baseOf = (node: Node): TSESTree.Identifier | undefined => {
    let current = unwrap(node);
    while (current.type === 'MemberExpression') current = unwrap(current.object);
    return current.type === 'Identifier' ? current : undefined;
  };
  walk(expression, code.visitorKeys, (node) => {
    if (!ok) return;
    switch (node.type) {
      case 'AssignmentExpression':
      case 'UpdateExpression': {
        const target = node.type === 'AssignmentExpression' ? node.left : node.argument;
        const base = baseOf(target);
        if (!base || !declaredInside(base)) ok = false;
        return;
      }
      case 'UnaryExpression':
        if (node.operator === 'delete') ok = false;
        return;
      case 'CallExpression': {
        if (isLogCall(node)) return;
        const name = calleeName(node);
        const callee = unwrap(node.callee);
        const onOwnObject = callee.type === 'MemberExpression' && baseOf(callee.object) !== undefined && declaredInside(baseOf(callee.object)!);
        // A call by a computed name could be anything; `fetch(url, { method: 'POST' })` writes whatever its name says.
        if (name === undefined || (writeVerbs.has(verbOf(name)) && !onOwnObject) || sendsWriteMethod(node)) {
          ok = false;
          return;
        }
        const fn = calledLocalFunction(node.callee, code);
        if (fn?.body && !seen.has(fn)) {
          seen.add(fn);
          if (depth >= 3 || !isRepeatable(code, fn.body, fn, depth + 1, seen)) ok = false;
        }
        return;
      }
      default:
        return;
    }
  });
  return ok;
}

/** An options argument with an HTTP `method` that writes: `{ method: 'POST' }` (anything but GET and HEAD, or not a literal). */
function sendsWriteMethod(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => {
    const options = unwrap(argument);
    if (options.type !== 'ObjectExpression') return false;
    const method = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'method');
    if (!method) return false;
    const value = unwrap(method.value);
    return !(value.type === 'Literal' && typeof value.value === 'string' && /^(?:GET|HEAD)$/i.test(value.value));
  });
}

/** `return …;`, `throw …;`, or a block of only that. */
function exitsOnly(statement: Node): boolean {
  const only = statement.type === 'BlockStatement' && statement.body.length === 1 ? statement.body[0]! : statement;
  return only.type === 'ReturnStatement' || only.type === 'ThrowStatement';
}
