import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticValue } from './constants.js';
import { calleeName, negativeNumberLiteral, unwrap } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * What must hold for code to run, read off the branches around it: the tests of the `if`s,
 * ternaries and `&&`/`||` it sits in, the `case`s of a `switch`, and the early exits before it
 * (`if (res.ok) return …;` then the code). `negated` when the code runs while the test is false.
 */
export interface PathCondition {
  test: TSESTree.Node;
  negated: boolean;
  /** For a `case`: the switch discriminant the test is compared with. */
  discriminant?: TSESTree.Node;
}

/**
 * Everything that must hold for `node` to run, from its own branch out to `boundary`
 * (exclusive); undefined when it runs in a `catch` with nothing else to say when.
 */
export function pathConditions(node: TSESTree.Node, boundary: TSESTree.Node | undefined): PathCondition[] | undefined {
  const conditions: PathCondition[] = [];
  let inCatch = false;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== boundary; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent) conditions.push({ test: parent.test, negated: false });
        else if (child === parent.alternate) conditions.push({ test: parent.test, negated: true });
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right) {
          if (parent.operator === '??') return undefined;
          conditions.push({ test: parent.left, negated: parent.operator === '||' });
        }
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (child !== parent.test) conditions.push(...caseConditions(parent));
        break;
      case AST_NODE_TYPES.CatchClause:
        inCatch = true;
        break;
      default:
        break;
    }
    conditions.push(...earlyExitsBefore(parent, child));
  }
  // A bare `catch` runs on any thrown error, which says nothing about what the error was.
  return inCatch && conditions.length === 0 ? undefined : conditions;
}

/** `case 400: case 404: …`: the tests of the case and the empty cases falling into it. */
function caseConditions(switchCase: TSESTree.SwitchCase): PathCondition[] {
  const cases = switchCase.parent.cases;
  const tests: TSESTree.Node[] = [];
  for (let i = cases.indexOf(switchCase); i >= 0; i--) {
    const current = cases[i]!;
    if (current !== switchCase && current.consequent.length > 0) break;
    if (!current.test) return [];
    tests.push(current.test);
  }
  return tests.length === 1 ? [{ test: tests[0]!, negated: false, discriminant: switchCase.parent.discriminant }] : [];
}

/** `if (res.ok) return data;` before the code: it runs only when the test was false. */
function earlyExitsBefore(container: TSESTree.Node, child: TSESTree.Node): PathCondition[] {
  const statements =
    container.type === AST_NODE_TYPES.BlockStatement || container.type === AST_NODE_TYPES.Program
      ? container.body
      : container.type === AST_NODE_TYPES.SwitchCase
        ? container.consequent
        : [];
  const index = (statements as TSESTree.Node[]).indexOf(child);
  if (index <= 0) return [];
  const conditions: PathCondition[] = [];
  for (const statement of statements.slice(0, index)) {
    if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && exits(statement.consequent)) {
      conditions.push({ test: statement.test, negated: true });
    }
  }
  return conditions;
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && exits(last);
  }
  return statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement;
}

/** The facts a condition is evaluated under: an HTTP status and a JSON-RPC error code. */
export interface Outcome {
  status: number;
  code: number | undefined;
}

/** What a condition reads, once evaluated. */
export interface ConditionReads {
  status: boolean;
  code: boolean;
  /** Negative error codes the condition compares with. */
  codes: Set<number>;
}

type Value = number | boolean | undefined | typeof unknown;
const unknown = Symbol('unknown');

const statusNames = /^(?:status|statusCode|httpStatus)$/;
const codeNames = /^(?:code|errorCode)$/;

/**
 * Evaluates a condition for one outcome, when it reads nothing but the HTTP status
 * (`res.status`, `res.ok`, `err.statusCode`, `err.code` compared with 100–599) and the JSON-RPC
 * error code (`body.error?.code`, `err.code` compared with a negative code), through `!`,
 * comparisons, `&&`/`||` and `[400, 404].includes(res.status)`. Undefined for anything else,
 * a body-inspecting helper (`isModernError(body)`) included.
 */
export function evaluateCondition(condition: PathCondition, outcome: Outcome, reads: ConditionReads, sourceCode: SourceCode): boolean | undefined {
  const evaluator = new Evaluator(outcome, reads, sourceCode);
  const value = condition.discriminant
    ? evaluator.comparison('===', condition.discriminant, condition.test)
    : evaluator.value(condition.test);
  if (value === unknown || value === undefined) return undefined;
  const truth = Boolean(value);
  return condition.negated ? !truth : truth;
}

class Evaluator {
  constructor(
    private readonly outcome: Outcome,
    private readonly reads: ConditionReads,
    private readonly sourceCode: SourceCode,
  ) {}

  /** `hint`: the number the value is compared with, which tells an HTTP status `code` from a JSON-RPC one. */
  value(node: TSESTree.Node, hint?: unknown): Value {
    const inner = unwrap(node);
    const negative = negativeNumberLiteral(inner);
    if (negative !== undefined) {
      this.reads.codes.add(negative);
      return negative;
    }
    switch (inner.type) {
      case AST_NODE_TYPES.Literal:
        return typeof inner.value === 'number' || typeof inner.value === 'boolean' ? inner.value : unknown;
      case AST_NODE_TYPES.UnaryExpression: {
        if (inner.operator !== '!') return unknown;
        const operand = this.value(inner.argument);
        return operand === unknown ? unknown : !operand;
      }
      case AST_NODE_TYPES.LogicalExpression: {
        if (inner.operator === '??') return unknown;
        const left = this.value(inner.left);
        const right = this.value(inner.right);
        if (left === unknown || right === unknown) return unknown;
        return inner.operator === '&&' ? Boolean(left) && Boolean(right) : Boolean(left) || Boolean(right);
      }
      case AST_NODE_TYPES.BinaryExpression:
        if (inner.left.type === AST_NODE_TYPES.PrivateIdentifier) return unknown;
        // `err instanceof StreamableHTTPError` narrows the type; it reads neither status nor body.
        return inner.operator === 'instanceof' ? true : this.comparison(inner.operator, inner.left, inner.right);
      case AST_NODE_TYPES.CallExpression:
        return this.includes(inner);
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.MemberExpression:
        return this.read(inner, hint);
      default:
        return unknown;
    }
  }

  comparison(operator: string, left: TSESTree.Node, right: TSESTree.Node): Value {
    return compare(operator, this.value(left, this.constant(right)), this.value(right, this.constant(left)));
  }

  private constant(node: TSESTree.Node): unknown {
    const inner = unwrap(node);
    return negativeNumberLiteral(inner) ?? staticValue(inner, this.sourceCode.getScope(inner))?.value;
  }

  /** `res.status`, `res.ok`, `err.code`; a constant holding a number. */
  private read(node: TSESTree.Identifier | TSESTree.MemberExpression, hint: unknown): Value {
    const name = node.type === AST_NODE_TYPES.Identifier ? node.name : !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
    if (name === undefined) return unknown;
    if (statusNames.test(name)) return this.status();
    if (name === 'ok' && node.type === AST_NODE_TYPES.MemberExpression) {
      this.reads.status = true;
      return this.outcome.status >= 200 && this.outcome.status < 300;
    }
    if (codeNames.test(name)) {
      // SDK v1's StreamableHTTPError and many HTTP errors keep the HTTP status in `code`.
      if (typeof hint === 'number' && hint >= 100 && hint < 600) return this.status();
      this.reads.code = true;
      return this.outcome.code;
    }
    const constant = this.constant(node);
    if (typeof constant !== 'number') return unknown;
    if (constant < 0) this.reads.codes.add(constant);
    return constant;
  }

  private status(): number {
    this.reads.status = true;
    return this.outcome.status;
  }

  /** `[400, 404, 405].includes(res.status)`. */
  private includes(call: TSESTree.CallExpression): Value {
    const callee = unwrap(call.callee);
    if (calleeName(call) !== 'includes' || callee.type !== AST_NODE_TYPES.MemberExpression || !call.arguments[0]) return unknown;
    const list = this.constant(callee.object);
    if (!Array.isArray(list) || list.length === 0 || !list.every((item): item is number => typeof item === 'number')) return unknown;
    const probe = this.value(call.arguments[0], list[0]);
    if (probe === unknown) return unknown;
    for (const item of list) if (item < 0) this.reads.codes.add(item);
    return list.includes(probe as number);
  }
}

function compare(operator: string, left: Value, right: Value): Value {
  if (left === unknown || right === unknown) return unknown;
  switch (operator) {
    case '===':
    case '==':
      return left === right;
    case '!==':
    case '!=':
      return left !== right;
    case '<':
      return typeof left === 'number' && typeof right === 'number' ? left < right : unknown;
    case '<=':
      return typeof left === 'number' && typeof right === 'number' ? left <= right : unknown;
    case '>':
      return typeof left === 'number' && typeof right === 'number' ? left > right : unknown;
    case '>=':
      return typeof left === 'number' && typeof right === 'number' ? left >= right : unknown;
    default:
      return unknown;
  }
}
