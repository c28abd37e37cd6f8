import type { Linter, SourceCode } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { pushRequestOfCall, staticString } from '../src/ast/client-features.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { calleeName, isFunction, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { containsNode } from '../src/ast/mcp-method-sites.js';
import { handlerContextParameter, handlerContextSlot } from '../src/ast/sdk.js';
import { docsOf } from '../src/engine/catalog.js';
import { elicitationMethod, rootsMethod, samplingMethod } from '../src/mcp/client-features.js';
import { clientCapabilitiesMetaKey } from '../src/mcp/client-wire.js';
import { requestSchemaMethods } from '../src/mcp/methods.js';
import { capabilityOfInputRequest, inputRequiredMethods } from '../src/mcp/multi-round-trip.js';
import { sdkMajorOfSource, v2ServerEntry } from '../src/mcp/packages.js';
import { addContextParameter, freeName } from '../src/transforms/context-parameter.js';
import { insertMarkers, type MarkerRequest } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, lineBreakOf, shiftedBy, type TextEdit, wholeLines } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';
import { namedImports, type WantedImport } from '../src/transforms/named-imports.js';
import { pushHelperOf, type PushHelper } from '../src/transforms/push-helper.js';
import { isLogCall, isRepeatableStatement } from '../src/transforms/repeatable-statements.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

/**
 * `push-to-input-required`: MCP 2026-07-28 forbids server-to-client requests; a tool, prompt or
 * resource handler that needs the client's input returns an `input_required` result and reads
 * the answer from the client's retry (reference §3.2, §15.4 M1-M3). Driven by the push-request
 * findings of `no-server-to-client-requests` (`elicitsInput`), `no-deprecated-sampling`
 * (`requestsSampling`) and `no-deprecated-roots` (`requestsRoots`), so a client's own
 * elicitation handler, a chat SDK's `createMessage` and code already on `inputRequired` are
 * never touched.
 *
 * On SDK v2, the simple shape is rewritten: the handler's first side-effecting statement is
 * `const answer = await <push>(params)` (`server.server.elicitInput`, `ctx.mcpReq.elicitInput`,
 * `ctx.mcpReq.requestSampling`, `server.server.createMessage`, `server.server.listRoots`, or
 * `ctx.mcpReq.send({ method, params })`), and the rest of the handler reads only the fields the
 * SDK's `inputResponse()` view keeps (`action`/`content`, `roots`; any use for sampling, whose
 * result the view wraps). It becomes (server/dist: `inputRequired`, `inputRequired.elicit`
 * /`.createMessage`/`.listRoots`, `inputResponse`, `ServerContext.mcpReq.inputResponses`):
 *
 *     const answer = inputResponse(ctx.mcpReq.inputResponses, 'answer');
 *     if (answer.kind !== 'elicit') {
 *       return inputRequired({ inputRequests: { answer: inputRequired.elicit(params) } });
 *     }
 *
 * The statement may also open the block of an `if` of the handler's body that tests the client's
 * capability for the request (`if (server.server.getClientCapabilities()?.elicitation) { const
 * answer = await … }`, or the envelope read `client-info-meta` writes): on 2026-07-28 the
 * capabilities come with each request, so the retry takes the same branch and the guard goes
 * inside it.
 *
 * The handler runs again from the top on the retry, so only statements safe to repeat may come
 * before it: pure ones, reads of a keyed collection (`notes.get(id)`), log lines, and guards whose
 * test is one of those and whose branch only returns or throws (it cannot have run on the first
 * pass, which went on to ask); and, with a marker asking to check them, declarations that pass
 * the rule of thumb of `isRepeatableStatement` (no assignment outside, no call named like a write).
 *
 * Each retry carries the answers of its own round only, so a handler with more than one request
 * needs `requestState`: those, and every other shape, get a marker. On SDK v1 the calls are left
 * as they are and the file is reported (v1 has no `inputRequired`); hand-rolled
 * `elicitation/create` requests get a marker on any SDK.
 *
 * A module-level helper that opens with the roots request (`const { roots } = await
 * server.server.listRoots()`) takes the answer as its parameter instead, when a tool, prompt or
 * resource handler awaits it: its request moves to its callers, and each such handler asks with
 * `inputRequired(… inputRequired.listRoots() …)` (see `hoistEdits`).
 */
export const ruleIds = ['no-server-to-client-requests', 'no-deprecated-sampling', 'no-deprecated-roots'] as const;
export const parser = 'ts';

type RuleId = (typeof ruleIds)[number];
type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;
type Kind = 'elicit' | 'sampling' | 'roots';

/** The findings of a push-style request, by rule: the ones this transform rewrites. */
const pushFindings: Record<string, Kind> = lookupTable({ elicitsInput: 'elicit', requestsSampling: 'sampling', requestsRoots: 'roots' });
const kindOfMethod: Record<string, Kind> = lookupTable({ [elicitationMethod]: 'elicit', [samplingMethod]: 'sampling', [rootsMethod]: 'roots' });

/** Other server-side findings of the three rules that get a marker (client-side warnings and capabilities are not this transform's). */
const markedFindings: Record<RuleId, ReadonlySet<string>> = {
  'no-server-to-client-requests': new Set([
    'elicitsInput',
    'writesElicitationRequest',
    'sendsServerRequest',
    'throwsUrlElicitationError',
    'removedElicitationCompletion',
    'parksPendingRequest',
  ]),
  'no-deprecated-sampling': new Set(['requestsSampling']),
  'no-deprecated-roots': new Set(['requestsRoots']),
};

/** What the SDK v2 builder and the `inputResponse()` view call each kind. */
const builderOf: Record<Kind, string> = { elicit: 'elicit', sampling: 'createMessage', roots: 'listRoots' };
const requestName: Record<Kind, string> = { elicit: 'elicitation', sampling: 'sampling', roots: 'roots' };
/** Fields of the wire result that the view keeps as they are (sampling's view wraps the whole result in `result`). */
const viewFields: Record<Kind, ReadonlySet<string> | undefined> = { elicit: new Set(['action', 'content']), sampling: undefined, roots: new Set(['roots']) };

const samplingDeprecated =
  'Sampling is deprecated in MCP 2026-07-28 (removal on or after 2027-07-28): replace this input request with a direct call to an LLM provider API when you can';
const rootsDeprecated =
  'Roots is deprecated in MCP 2026-07-28 (removal on or after 2027-07-28): take these paths as tool arguments or server configuration instead of asking the client when you can';

function builderHint(kind: Kind): string {
  const call = kind === 'roots' ? 'inputRequired.listRoots()' : `inputRequired.${builderOf[kind]}(params)`;
  return `return \`inputRequired({ inputRequests: { key: ${call} } })\` when \`inputResponse(ctx.mcpReq.inputResponses, 'key')\` has no answer (SDK v2)`;
}

/** Why a push request was not rewritten: one sentence for its marker. */
const reasons = {
  notInHandler: (kind: Kind) =>
    `This ${requestName[kind]} request is not made directly by a tool, prompt or resource handler: move it into the handler that needs the answer and ${builderHint(kind)}`,
  otherMethod: (kind: Kind) =>
    `Only tools/call, prompts/get and resources/read may ask the client for input in MCP 2026-07-28: drop this ${requestName[kind]} request, or move it into a tool, prompt or resource handler and ${builderHint(kind)}`,
  several: (kind: Kind) =>
    `This handler asks the client more than once (or in a loop), and each retry carries only the answers of its own round: ask for everything at once in one \`inputRequired({ inputRequests })\`, or carry earlier answers in a sealed \`requestState\` (\`createRequestStateCodec\`), then ${builderHint(kind)}`,
  sideEffects: (kind: Kind) =>
    `The handler runs again from the top when the client retries with the answer, so the statements before this ${requestName[kind]} request would run twice: move them after it (or make them safe to repeat), then ${builderHint(kind)}`,
  shape: (kind: Kind) =>
    `Bind the answer of this ${requestName[kind]} request with \`const answer = await …\` as a statement of the handler itself, or rewrite it by hand: ${builderHint(kind)}`,
  urlMode: () =>
    "Return `inputRequired({ inputRequests: { key: inputRequired.elicitUrl({ message, url }) } })` for this URL-mode elicitation (SDK v2), keep your own correlation id in `requestState`, and decide on the client's retry whether the out-of-band step finished",
  arguments: (kind: Kind) =>
    `Rewrite this ${requestName[kind]} request by hand (its arguments are not plain request params, or it passes request options that have no input-request equivalent): ${builderHint(kind)}`,
  wholeAnswer: (kind: Kind) =>
    `The answer of this ${requestName[kind]} request is used as a whole (or typed), which the \`inputResponse()\` view does not keep: ${builderHint(kind)}, and read its fields from the view`,
  context: (kind: Kind) =>
    `This handler's context cannot be reached to read \`mcpReq.inputResponses\`: name the context parameter, then ${builderHint(kind)}`,
  names: (kind: Kind) => `\`inputRequired\` or \`inputResponse\` means something else in this file: ${builderHint(kind)}, importing them from ${v2ServerEntry}`,
  handRolled: (kind: Kind) => {
    const method = kind === 'elicit' ? elicitationMethod : kind === 'sampling' ? samplingMethod : rootsMethod;
    return `Do not send this ${method} request: answer the tools/call, prompts/get or resources/read request with \`{ resultType: 'input_required', inputRequests: { key: { method: '${method}', params } } }\` and read \`params.inputResponses.key\` on the client's retry`;
  },
};

/** The marker on statements that run again on the retry and were only judged safe to repeat by their names. */
const repeatedText = (kind: Kind) =>
  `The client's retry runs this handler again from the top, so this statement and the ones after it up to the ${requestName[kind]} request run twice: they assign nothing outside the handler and call nothing named like a write, but check that they are safe to repeat`;

export const needsV2Note = (rewritable: number, total: number) =>
  `push-to-input-required needs SDK v2 (inputRequired, inputResponse) to rewrite push-style requests and this file is on SDK v1; \`mcp-migrate fix --upgrade-sdk\` would let it rewrite ${rewritable} of its ${total} server-to-client request${total === 1 ? '' : 's'}${rewritable < total ? ' (the others need a person)' : ''}`;

interface Finding {
  ruleId: RuleId;
  message: Linter.LintMessage;
  node: Node;
  kind: Kind | undefined;
  call: TSESTree.CallExpression | undefined;
}

interface Plan {
  finding: Finding;
  statement: TSESTree.VariableDeclaration;
  fn: TSESTree.FunctionLike;
  /** The capability test around the statement, when it sits in one (its indentation sets the guard's). */
  guard: TSESTree.IfStatement | undefined;
  /** The answer's binding: a name, or a destructuring pattern (`const { roots } = …`). */
  binding: TSESTree.Identifier | TSESTree.ObjectPattern;
  params: Node | undefined;
  /** The first statement before the request that is safe to repeat by the rule of thumb only (not provably pure, not a log line): it gets a marker. */
  repeated: Node | undefined;
  /** A sampling answer read as one content block (`result.content.type`), as SDK v1 typed it: rebound as `CreateMessageResult`. */
  singleContent: boolean;
}

/** The input request's key when the answer is destructured, by kind. */
const patternKey: Record<Kind, string> = { elicit: 'answer', sampling: 'sampling', roots: 'roots' };

type Analysis = { plan: Plan } | { reason: string };

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!/elicit|Elicit|createMessage|requestSampling|listRoots|roots\/list|32042/.test(file.source)) return undefined;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";
  const major = sdkMajorOfSource(file.source);

  let sourceCode: SourceCode | undefined;
  const findings: Finding[] = [];
  for (const ruleId of ruleIds) {
    const run = runRule(ruleId, file.source, file.path);
    sourceCode ??= run.sourceCode;
    const code = sourceCode as unknown as Code;
    for (const message of run.messages) {
      if (!markedFindings[ruleId].has(message.messageId ?? '')) continue;
      const node = nodeAt(code, messageRange(sourceCode, message));
      if (!node) continue;
      const push = pushCallOf(code, node);
      const kind = pushFindings[message.messageId ?? ''] ?? (message.messageId === 'writesElicitationRequest' ? 'elicit' : undefined);
      findings.push({ ruleId, message, node, kind, call: push });
    }
  }
  if (findings.length === 0 || !sourceCode) return undefined;
  const code = sourceCode as unknown as Code;

  // Helpers that open with a roots request, moved to their callers (on SDK v2): tool handlers among those ask with input_required.
  const helpers = new Map<Finding, PushHelper>();
  if (major === 2) {
    for (const finding of findings) {
      const helper = finding.kind === 'roots' && finding.call ? pushHelperOf(code, finding.call) : undefined;
      if (!helper || !usesOnlyViewFields(code, helper.binding, 'roots') || findings.some((f) => f !== finding && containsNode(helper.fn, f.node))) continue;
      helpers.set(finding, helper);
    }
  }

  // Requests per handler: a handler that asks more than once needs requestState.
  const perHandler = new Map<Node, number>();
  const countIn = (node: Node) => {
    const fn = handlerAround(code, node);
    if (fn) perHandler.set(fn, (perHandler.get(fn) ?? 0) + 1);
  };
  for (const finding of findings) if (finding.kind && !helpers.has(finding)) countIn(finding.node);
  for (const helper of helpers.values()) helper.calls.forEach(countIn);

  const edits: TextEdit[] = [];
  const reasonAt = new Map<number, string>();
  /** Where the sampling and roots builders were written (the rewritten statement, and an offset in its new text): they keep a deprecation marker. */
  const deprecated: { anchor: number; local: number; ruleId: RuleId; text: string }[] = [];
  /** Statements judged safe to repeat by the rule of thumb only, by input offset. */
  const repeatedAt: { offset: number; ruleId: RuleId; text: string }[] = [];
  const wanted = new Map<string, WantedImport>();
  const want = (names: BuilderNames) => {
    if (!names.inputRequiredImported) wanted.set('inputRequired', { name: 'inputRequired' });
    if (!names.inputResponseImported) wanted.set('inputResponse', { name: 'inputResponse' });
  };
  let leftForV2 = 0;
  let sdkPushes = 0;
  let rewritten = 0;
  for (const finding of findings) {
    if (!finding.kind) continue;
    if (!finding.call) {
      reasonAt.set(finding.node.range[0], reasons.handRolled(finding.kind));
      continue;
    }
    sdkPushes++;
    const helper = helpers.get(finding);
    const hoisted = helper && hoistEdits(code, helper, perHandler, quote);
    if (hoisted) {
      edits.push(...hoisted.edits);
      for (const asked of hoisted.asked) {
        deprecated.push({ ...asked.deprecatedAt, ruleId: finding.ruleId, text: rootsDeprecated });
        if (asked.repeated) repeatedAt.push({ offset: asked.repeated.range[0], ruleId: finding.ruleId, text: repeatedText('roots') });
        want(asked.names);
      }
      wanted.set('Root', { name: 'Root', typeOnly: true });
      rewritten++;
      continue;
    }
    const analysis = analyse(code, finding, perHandler);
    if (major === 1) {
      if ('plan' in analysis) leftForV2++;
      continue;
    }
    // Without an import from a v2 package the file's SDK is unknown: mark, never write v2 API into it.
    if ('reason' in analysis || major !== 2) {
      if ('reason' in analysis) reasonAt.set(finding.node.range[0], analysis.reason);
      continue;
    }
    const { plan } = analysis;
    const names = builderNames(code, plan.fn);
    if (!names) {
      reasonAt.set(finding.node.range[0], reasons.names(finding.kind));
      continue;
    }
    const resultType = plan.singleContent ? importedTypeName(code, 'CreateMessageResult', quote) : undefined;
    const rewrite = rewriteEdits(code, plan, names, quote, resultType);
    if (!rewrite) {
      reasonAt.set(finding.node.range[0], reasons.context(finding.kind));
      continue;
    }
    edits.push(...rewrite.edits);
    if (rewrite.deprecatedAt !== undefined) {
      deprecated.push({ ...rewrite.deprecatedAt, ruleId: finding.ruleId, text: finding.kind === 'sampling' ? samplingDeprecated : rootsDeprecated });
    }
    if (plan.repeated) repeatedAt.push({ offset: plan.repeated.range[0], ruleId: finding.ruleId, text: repeatedText(finding.kind) });
    if (resultType) wanted.set('CreateMessageResult', { name: 'CreateMessageResult', typeOnly: true });
    want(names);
    rewritten++;
  }
  if (major === 1 && sdkPushes > 0) api.report(needsV2Note(leftForV2, sdkPushes));
  if (wanted.size > 0) {
    const edit = namedImports(code, v2ServerEntry, [...wanted.values()], quote)?.edit;
    if (edit) edits.push(edit);
  }

  const { output } = applyTextEdits(file.source, edits);
  if (rewritten > 0) api.stats('edits', rewritten);
  const shift = (offset: number) => shiftedBy(edits, offset);
  const reasonAfter = new Map([...reasonAt].map(([offset, text]) => [shift(offset), text]));

  // What the rules still report is a shape not rewritten: mark it (on SDK v1, only what needs no v2 API).
  const requests: MarkerRequest[] = [];
  let outputCode: SourceCode | undefined;
  for (const ruleId of ruleIds) {
    const after = runRule(ruleId, output, file.path);
    outputCode ??= after.sourceCode;
    const docsUrl = docsOf(rules[ruleId]!).url ?? '';
    for (const message of after.messages) {
      if (!markedFindings[ruleId].has(message.messageId ?? '')) continue;
      const offset = offsetOf(after.sourceCode, message.line, message.column);
      const reason = reasonAfter.get(offset);
      const isSdkPush = pushFindings[message.messageId ?? ''] !== undefined && reason === undefined;
      if (major === 1 && isSdkPush) continue;
      requests.push({ ruleId, text: reason ?? message.message, docsUrl, offset });
    }
    for (const { anchor, local, ruleId: owner, text } of deprecated) {
      if (owner === ruleId) requests.push({ ruleId, text, docsUrl, offset: shift(anchor) + local });
    }
    for (const { offset, ruleId: owner, text } of repeatedAt) {
      if (owner === ruleId) requests.push({ ruleId, text, docsUrl, offset: shift(offset) });
    }
  }
  const marked = insertMarkers(outputCode!, requests);
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}



/**
 * The SDK call behind a push finding: the rules report the callee (`server.server.elicitInput`)
 * or the inline method of a generic sender (`ctx.mcpReq.send({ method: 'elicitation/create' })`).
 * A hand-rolled JSON-RPC request object has no call.
 */
function pushCallOf(code: Code, node: Node): TSESTree.CallExpression | undefined {
  const parent = node.parent;
  let call: Node | undefined;
  if (parent?.type === 'CallExpression' && parent.callee === node) call = parent;
  else if (parent?.type === 'Property' && parent.value === node && propertyKeyName(parent) === 'method') call = parent.parent.parent;
  return call?.type === 'CallExpression' && pushRequestOfCall(call, code)?.via === 'sdk' ? call : undefined;
}

/** The SDK handler callback a node sits in (the innermost function that is one), if any. */
function handlerAround(code: Code, node: Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) && handlerContextSlot(current, code)) return current;
  }
  return undefined;
}

/** Whether an MCP method lets its handler return `input_required`, from the handler's registration. */
function answersMrtrMethod(code: Code, fn: TSESTree.FunctionLike): boolean {
  const slot = handlerContextSlot(fn, code);
  if (!slot) return false;
  if (slot.kind !== 'request') return true;
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || calleeName(call) !== 'setRequestHandler') return false;
  const first = call.arguments[0];
  if (!first) return false;
  const schema = mcpExportOf(first, code.getScope(first));
  const method = schema ? requestSchemaMethods[schema.name] : staticString(first, code);
  return method !== undefined && inputRequiredMethods.has(method);
}

/** Decides whether a push call has the simple shape, or why not. */
function analyse(code: Code, finding: Finding, perHandler: Map<Node, number>): Analysis {
  const kind = finding.kind!;
  const call = finding.call!;
  const fn = handlerAround(code, call);
  if (!fn) return { reason: reasons.notInHandler(kind) };
  if (!answersMrtrMethod(code, fn)) return { reason: reasons.otherMethod(kind) };
  if ((perHandler.get(fn) ?? 0) > 1 || insideLoop(call, fn)) return { reason: reasons.several(kind) };
  // `const answer = await <push>(…);` as a statement of the handler's own body.
  const awaited = call.parent;
  const declarator = awaited?.parent;
  const statement = declarator?.parent;
  if (
    awaited?.type !== 'AwaitExpression' ||
    declarator?.type !== 'VariableDeclarator' ||
    declarator.init !== awaited ||
    statement?.type !== 'VariableDeclaration' ||
    statement.kind !== 'const' ||
    statement.declarations.length !== 1 ||
    (declarator.id.type !== 'Identifier' && declarator.id.type !== 'ObjectPattern') ||
    fn.body?.type !== 'BlockStatement'
  ) {
    return { reason: enclosingFunction(call) === fn ? reasons.shape(kind) : reasons.notInHandler(kind) };
  }
  // A statement of the handler's body, or of the block of a capability test that is one.
  const guard = statement.parent === fn.body ? undefined : capabilityGuardAround(code, statement, fn, kind);
  if (statement.parent !== fn.body && !guard) {
    return { reason: enclosingFunction(call) === fn ? reasons.shape(kind) : reasons.notInHandler(kind) };
  }
  const params = requestParams(code, finding, call);
  if (params === 'url') return { reason: reasons.urlMode() };
  if (params === 'invalid') return { reason: reasons.arguments(kind) };
  const id = declarator.id;
  if (id.typeAnnotation || !usesOnlyViewFields(code, id, kind)) return { reason: reasons.wholeAnswer(kind) };
  const body = fn.body.body;
  const before = guard
    ? [...body.slice(0, body.indexOf(guard)), ...(guard.consequent as TSESTree.BlockStatement).body.slice(0, (guard.consequent as TSESTree.BlockStatement).body.indexOf(statement))]
    : body.slice(0, body.indexOf(statement));
  const notPure = before.filter((s) => !isPureStatement(code, s));
  if (!notPure.every((s) => isRepeatableStatement(code, s))) return { reason: reasons.sideEffects(kind) };
  const repeated = notPure.find((s) => !(s.type === 'ExpressionStatement' && isLogCall(s.expression)));
  const singleContent = kind === 'sampling' && id.type === 'Identifier' && withoutTools(params) && readsOneContentBlock(code, id);
  return { plan: { finding, statement, fn, guard, binding: id, params, repeated, singleContent } };
}

/**
 * `if (<the client's capability for this kind>) { …statement… }` as a statement of the handler's
 * body, with no `else`: the `if` the statement's block belongs to, or undefined.
 */
function capabilityGuardAround(code: Code, statement: Node, fn: TSESTree.FunctionLike, kind: Kind): TSESTree.IfStatement | undefined {
  const block = statement.parent;
  const guard = block?.parent;
  if (block?.type !== 'BlockStatement' || guard?.type !== 'IfStatement' || guard.consequent !== block || guard.alternate) return undefined;
  if (guard.parent !== fn.body) return undefined;
  return isCapabilityTest(code, guard.test, capabilityOf[kind]) ? guard : undefined;
}

const capabilityOf: Record<Kind, string> = {
  elicit: capabilityOfInputRequest[elicitationMethod]!,
  sampling: capabilityOfInputRequest[samplingMethod]!,
  roots: capabilityOfInputRequest[rootsMethod]!,
};

/** `<capabilities>?.elicitation` (or `['elicitation']`), where the capabilities are the request's or the session's. */
function isCapabilityTest(code: Code, test: Node, capability: string): boolean {
  const read = unwrapExpression(test);
  if (read.type !== 'MemberExpression') return false;
  const name = read.computed ? staticString(read.property, code) : read.property.type === 'Identifier' ? read.property.name : undefined;
  return name === capability && isClientCapabilities(code, read.object);
}

/**
 * The client's declared capabilities: `server.getClientCapabilities()` (the session's, on 2025),
 * the request envelope's `[CLIENT_CAPABILITIES_META_KEY]` (or the literal key) read off a pure
 * object, or one of those falling back to another with `??` / `||`.
 */
function isClientCapabilities(code: Code, node: Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === 'LogicalExpression' && (value.operator === '??' || value.operator === '||')) {
    return isClientCapabilities(code, value.left) && isClientCapabilities(code, value.right);
  }
  if (value.type === 'CallExpression') {
    const callee = unwrapExpression(value.callee);
    return value.arguments.length === 0 && callee.type === 'MemberExpression' && calleeName(value) === 'getClientCapabilities' && isPure(code, callee.object);
  }
  if (value.type === 'MemberExpression' && value.computed) {
    const key = value.property.type === 'Identifier' && value.property.name === 'CLIENT_CAPABILITIES_META_KEY' ? clientCapabilitiesMetaKey : staticString(value.property, code);
    return key === clientCapabilitiesMetaKey && isPure(code, value.object);
  }
  return false;
}

/** The expression under parentheses, `?.` chains, `!` assertions and type casts. */
function unwrapExpression(node: Node): Node {
  let current = unwrap(node);
  while (['ChainExpression', 'TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression'].includes(current.type)) {
    current = unwrap((current as TSESTree.ChainExpression | TSESTree.TSNonNullExpression | TSESTree.TSAsExpression | TSESTree.TSSatisfiesExpression).expression);
  }
  return current;
}

function insideLoop(node: Node, fn: Node): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (/^(?:For|ForIn|ForOf|While|DoWhile)Statement$/.test(current.type)) return true;
  }
  return false;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/**
 * The params node of a push call (undefined for `listRoots()`): the first argument of the SDK
 * methods, or `params` of `send({ method, params })`. `'url'` for URL-mode elicitation, and
 * `'invalid'` for request options, extra arguments, spreads or a form the builders do not take.
 */
function requestParams(code: Code, finding: Finding, call: TSESTree.CallExpression): Node | undefined | 'url' | 'invalid' {
  const kind = finding.kind!;
  let params: Node | undefined;
  if (call.callee !== finding.node) {
    // `send({ method, params })`, nothing else in the request or after it.
    if (call.arguments.length !== 1) return 'invalid';
    const request = finding.node.parent!.parent as TSESTree.ObjectExpression;
    for (const property of request.properties) {
      if (property.type !== 'Property' || property.computed) return 'invalid';
      const key = propertyKeyName(property);
      if (key === 'params') params = property.value;
      else if (key !== 'method') return 'invalid';
    }
    if (kindOfMethod[staticString(finding.node, code) ?? ''] !== kind) return 'invalid';
  } else {
    if (call.arguments.length > (kind === 'roots' ? 0 : 1)) return 'invalid';
    params = call.arguments[0];
  }
  if (kind === 'roots') return params ? 'invalid' : undefined;
  if (!params || params.type === 'SpreadElement') return 'invalid';
  if (kind === 'elicit') {
    // Form mode only: a literal whose `mode` is absent or 'form'; URL mode has its own builder and semantics.
    const literal = unwrap(params);
    if (literal.type !== 'ObjectExpression') return 'invalid';
    for (const property of literal.properties) {
      if (property.type !== 'Property' || property.computed) return 'invalid';
      if (propertyKeyName(property) === 'mode') {
        const mode = staticString(property.value, code);
        if (mode === 'url') return 'url';
        if (mode !== 'form') return 'invalid';
      }
    }
  }
  return params;
}

/** Sampling params written out without `tools` (nor a spread that could bring it): the client answers with one content block. */
function withoutTools(params: Node | undefined): boolean {
  const literal = params && unwrap(params);
  return literal?.type === 'ObjectExpression' && literal.properties.every((p) => p.type === 'Property' && propertyKeyName(p) !== 'tools');
}

/** `result.content.type`, `result.content.text`: the answer's content read as one block, the way SDK v1 typed `createMessage()`'s result. */
function readsOneContentBlock(code: Code, id: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(code.getScope(id), id);
  return (variable?.references ?? []).some((reference) => {
    const content = reference.identifier.parent;
    if (content?.type !== 'MemberExpression' || content.object !== reference.identifier || content.computed) return false;
    if (content.property.type !== 'Identifier' || content.property.name !== 'content') return false;
    const read = content.parent;
    return read?.type === 'MemberExpression' && read.object === content && !read.computed;
  });
}

/**
 * Every read of the answer keeps working on the `inputResponse()` view: `answer.action`,
 * `answer.content?.x`, `const { action, content } = answer` (elicitation), `answer.roots`
 * (roots). Sampling answers are rebound to the view's `result`, so any use is fine.
 */
function usesOnlyViewFields(code: Code, id: TSESTree.Identifier | TSESTree.ObjectPattern, kind: Kind): boolean {
  const fields = viewFields[kind];
  if (!fields) return true;
  if (id.type === 'ObjectPattern') return id.properties.every((p) => p.type === 'Property' && !p.computed && fields.has(propertyKeyName(p) ?? ''));
  const variable = ASTUtils.findVariable(code.getScope(id), id);
  if (!variable) return false;
  return variable.references.every((reference) => {
    if (reference.init) return true;
    if (reference.isWrite()) return false;
    const use = reference.identifier as Node;
    const parent = use.parent;
    if (parent?.type === 'MemberExpression' && parent.object === use) {
      return !parent.computed && parent.property.type === 'Identifier' && fields.has(parent.property.name);
    }
    if (parent?.type === 'VariableDeclarator' && parent.init === use && parent.id.type === 'ObjectPattern') {
      return parent.id.properties.every((p) => p.type === 'Property' && !p.computed && fields.has(propertyKeyName(p) ?? ''));
    }
    return false;
  });
}

/** Globals whose calls have no side effects worth repeating on a retry. */
const pureCallees: ReadonlySet<string> = new Set([
  'String',
  'Number',
  'Boolean',
  'JSON.stringify',
  'JSON.parse',
  'Object.keys',
  'Object.values',
  'Object.entries',
  'Array.isArray',
  'encodeURIComponent',
]);
/** String, number and array methods that only compute a value (`env.trim().toLowerCase()`), and collection reads, called with plain arguments. */
const pureMethods: ReadonlySet<string> = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'slice',
  'substring',
  'split',
  'join',
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'toFixed',
  'toString',
  'at',
  'concat',
  // Reads of a keyed collection (`notes.get(id)`, `seen.has(uri)`): safe to repeat.
  'get',
  'has',
]);
/** Schema builders: `z.object({ … })`, `z.string().describe(…)`. */
const schemaModules: ReadonlySet<string> = new Set(['zod', 'zod/v4', 'zod/v3', 'zod/mini', 'zod/v4-mini']);

/**
 * A statement that may run again on the retry: declarations of pure values, functions and
 * types, and guards (`if (!x) return …` / `throw new Error(…)`) that only return or throw.
 */
function isPureStatement(code: Code, statement: Node): boolean {
  switch (statement.type) {
    case 'VariableDeclaration':
      return statement.declarations.every((d) => !d.init || isPure(code, d.init));
    case 'FunctionDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSInterfaceDeclaration':
    case 'EmptyStatement':
      return true;
    case 'ExpressionStatement':
      return isPure(code, statement.expression);
    case 'IfStatement':
      // A branch that only returns or throws did not run on the pass that went on to ask: what it computes runs at most once.
      return isPure(code, statement.test) && (isExit(statement.consequent) || isPureStatement(code, statement.consequent)) && (!statement.alternate || isPureStatement(code, statement.alternate));
    case 'BlockStatement':
      return statement.body.every((s) => isPureStatement(code, s));
    case 'ReturnStatement':
      return !statement.argument || isPure(code, statement.argument);
    case 'ThrowStatement':
      return isPure(code, statement.argument);
    default:
      return false;
  }
}

/** `return …;`, `throw …;`, or a block of only that. */
function isExit(statement: Node): boolean {
  const only = statement.type === 'BlockStatement' && statement.body.length === 1 ? statement.body[0]! : statement;
  return only.type === 'ReturnStatement' || only.type === 'ThrowStatement';
}

function isPure(code: Code, node: Node): boolean {
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every((e) => isPure(code, e));
    case 'ArrayExpression':
      return node.elements.every((e) => !e || isPure(code, e.type === 'SpreadElement' ? e.argument : e));
    case 'ObjectExpression':
      return node.properties.every((p) =>
        p.type === 'SpreadElement' ? isPure(code, p.argument) : (!p.computed || isPure(code, p.key)) && (p.kind !== 'init' || isPure(code, p.value)),
      );
    case 'MemberExpression':
      return isPure(code, node.object) && (!node.computed || isPure(code, node.property));
    case 'ChainExpression':
      return isPure(code, node.expression);
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPure(code, node.argument);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPure(code, node.left) && isPure(code, node.right);
    case 'ConditionalExpression':
      return isPure(code, node.test) && isPure(code, node.consequent) && isPure(code, node.alternate);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return isPure(code, node.expression);
    case 'NewExpression':
      // `throw new Error(…)` in a guard.
      return node.callee.type === 'Identifier' && /Error$/.test(node.callee.name) && node.arguments.every((a) => isPure(code, a));
    case 'CallExpression':
      return isPureCallee(code, node.callee) && node.arguments.every((a) => isPure(code, a.type === 'SpreadElement' ? a.argument : a));
    default:
      return false;
  }
}

function isPureCallee(code: Code, callee: Node): boolean {
  if (pureCallees.has(code.getText(callee))) return true;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && pureMethods.has(callee.property.name)) {
    const call = callee.parent as TSESTree.CallExpression;
    if (isPure(code, callee.object) && call.arguments.every((a) => !isFunction(a))) return true;
  }
  // The root of `z.string().min(1).describe(…)` is an import from zod.
  let root: Node = callee;
  while (root.type === 'MemberExpression' || root.type === 'CallExpression') {
    if (root.type === 'CallExpression') {
      if (!root.arguments.every((a) => isPure(code, a.type === 'SpreadElement' ? a.argument : a))) return false;
      root = root.callee;
    } else {
      if (root.computed) return false;
      root = root.object;
    }
  }
  if (root.type !== 'Identifier') return false;
  const def = ASTUtils.findVariable(code.getScope(root), root)?.defs[0];
  return def?.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration' && schemaModules.has(def.parent.source.value);
}

interface BuilderNames {
  inputRequired: string;
  inputResponse: string;
  inputRequiredImported: boolean;
  inputResponseImported: boolean;
}

/** The local names of `inputRequired` and `inputResponse`: imported already, or free to import. */
function builderNames(code: Code, fn: TSESTree.FunctionLike): BuilderNames | undefined {
  const lookup = (name: string): { local: string; imported: boolean } | undefined => {
    const imported = namedImport(code, name);
    if (imported) {
      const variable = ASTUtils.findVariable(code.getScope(fn.body ?? fn), imported.local.name);
      return variable?.defs[0]?.node === imported ? { local: imported.local.name, imported: true } : undefined;
    }
    // Anything the handler's body (or the module) binds under the name would shadow the import.
    return ASTUtils.findVariable(code.getScope(fn.body ?? fn), name) ? undefined : { local: name, imported: false };
  };
  const required = lookup('inputRequired');
  const response = lookup('inputResponse');
  if (!required || !response) return undefined;
  return { inputRequired: required.local, inputResponse: response.local, inputRequiredImported: required.imported, inputResponseImported: response.imported };
}

/** A value import of `name` from the v2 server package. */
function namedImport(code: Code, name: string): TSESTree.ImportSpecifier | undefined {
  for (const statement of code.ast.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type' || statement.source.value !== v2ServerEntry) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type' && specifier.imported.type === 'Identifier' && specifier.imported.name === name) {
        return specifier;
      }
    }
  }
  return undefined;
}

/**
 * The edits for one plan: the statement becomes the read of the answer and the guard that asks
 * for it, and the handler gains its context parameter when it has none. Also returns where, in
 * the replacement text that starts at the statement, the sampling or roots builder was written
 * (its deprecation marker goes there).
 */
function rewriteEdits(
  code: Code,
  plan: Plan,
  names: BuilderNames,
  quote: string,
  resultType: string | undefined,
): { edits: TextEdit[]; deprecatedAt: { anchor: number; local: number } | undefined } | undefined {
  const { finding, statement, fn, binding } = plan;
  const kind = finding.kind!;
  const edits: TextEdit[] = [];
  const mcpReq = mcpReqOf(code, fn, edits);
  if (!mcpReq) return undefined;

  const text = code.text;
  const newline = lineBreakOf(text);
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const indent = text.slice(lineStart, statement.range[0]);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const unit = indentUnit(text, plan.guard ?? fn, indent);
  // The key is the answer's name; the view takes that name too unless the answer must be rebound from it.
  const name = binding.type === 'Identifier' ? binding.name : patternKey[kind];
  const rebind = kind === 'sampling' || binding.type === 'ObjectPattern';
  const view = rebind ? freeName(code, fn, [`${name}Response`, `${name}Input`, `${name}Answer`]) : name;
  if (!view) return undefined;
  const q = (s: string) => `${quote}${s}${quote}`;
  const params = plan.params ? shiftLines(code, plan.params, unit) : '';
  const builder = `${names.inputRequired}.${builderOf[kind]}(${params})`;
  const ask = `return ${names.inputRequired}({ inputRequests: { ${name}: ${builder} } });`;
  const lines = [
    `const ${view} = ${names.inputResponse}(${mcpReq}.inputResponses, ${q(name)});`,
    `${indent}if (${view}.kind !== ${q(kind)}) {`,
    `${indent}${unit}${ask}`,
    `${indent}}`,
    ...(rebind ? [`${indent}const ${code.getText(binding)} = ${view}${kind === 'sampling' ? '.result' : ''}${resultType ? ` as ${resultType}` : ''};`] : []),
  ];
  edits.push({ range: statement.range, text: lines.join(newline) });
  const builderOffset = lines.slice(0, 2).join(newline).length + newline.length + indent.length + unit.length + ask.indexOf(builder);
  return { edits, deprecatedAt: kind === 'elicit' ? undefined : { anchor: statement.range[0], local: builderOffset } };
}

interface HandlerAsk {
  edits: TextEdit[];
  /** The name of the answer's `inputResponse()` view, which the call now passes to the helper. */
  view: string;
  names: BuilderNames;
  /** Where the builder was written: the anchor is the statement the guard goes before (its insertion counts as before it). */
  deprecatedAt: { anchor: number; local: number };
  repeated: Node | undefined;
}

/**
 * The edits that move a helper's opening roots request to its callers: the helper takes the
 * answer as its parameter (`{ roots }: { roots: Root[] }`) and loses the request; a tool, prompt
 * or resource handler that awaits the helper in one of its own statements asks with
 * `inputRequired(… inputRequired.listRoots() …)` before that statement and passes the answer's
 * view; any other caller passes `await <the request>`, which the rule still reports there.
 */
function hoistEdits(code: Code, helper: PushHelper, perHandler: Map<Node, number>, quote: string): { edits: TextEdit[]; asked: HandlerAsk[] } | undefined {
  const rootType = importedTypeName(code, 'Root', quote);
  const open = code.getTokens(helper.fn as never).find((token) => token.value === '(');
  if (!rootType || !open) return undefined;
  const edits: TextEdit[] = [
    { range: [open.range[1], open.range[1]], text: `${code.getText(helper.binding)}: { roots: ${rootType}[] }` },
    { range: wholeLines(code.text, helper.statement.range), text: '' },
  ];
  const asked: HandlerAsk[] = [];
  for (const call of helper.calls) {
    const ask = askInHandler(code, call, perHandler, quote);
    // `H()` has no arguments: its last character is the closing parenthesis.
    const close = call.range[1] - 1;
    if (ask) asked.push(ask);
    edits.push(...(ask?.edits ?? []), { range: [close, close], text: ask ? ask.view : `await ${code.getText(helper.push)}` });
  }
  // Without a handler that asks, moving the request would only spread it: the helper keeps it, marked.
  return asked.length > 0 ? { edits, asked } : undefined;
}

/** The guard that asks for the roots in the handler around `call`, when the call is in one of the handler's own statements and what comes before may run twice. */
function askInHandler(code: Code, call: TSESTree.CallExpression, perHandler: Map<Node, number>, quote: string): HandlerAsk | undefined {
  const fn = handlerAround(code, call);
  if (!fn || fn.body?.type !== 'BlockStatement' || !answersMrtrMethod(code, fn) || (perHandler.get(fn) ?? 0) > 1 || insideLoop(call, fn)) return undefined;
  const statement = ownStatementOf(call);
  const body = fn.body.body;
  if (!statement || statement.parent !== fn.body) return undefined;
  const notPure = body.slice(0, body.indexOf(statement as TSESTree.Statement)).filter((s) => !isPureStatement(code, s));
  if (!notPure.every((s) => isRepeatableStatement(code, s))) return undefined;
  const names = builderNames(code, fn);
  const view = freeName(code, fn, ['rootsResponse', 'rootsInput', 'rootsAnswer']);
  const edits: TextEdit[] = [];
  const mcpReq = names && view ? mcpReqOf(code, fn, edits) : undefined;
  const text = code.text;
  const indent = text.slice(text.lastIndexOf('\n', statement.range[0] - 1) + 1, statement.range[0]);
  if (!names || !view || !mcpReq || !/^[ \t]*$/.test(indent)) return undefined;
  const unit = indentUnit(text, fn, indent);
  const newline = lineBreakOf(text);
  const q = (s: string) => `${quote}${s}${quote}`;
  const builder = `${names.inputRequired}.listRoots()`;
  const ask = `return ${names.inputRequired}({ inputRequests: { roots: ${builder} } });`;
  const lines = [
    `const ${view} = ${names.inputResponse}(${mcpReq}.inputResponses, ${q('roots')});`,
    `${indent}if (${view}.kind !== ${q('roots')}) {`,
    `${indent}${unit}${ask}`,
    `${indent}}`,
    indent,
  ];
  const inserted = lines.join(newline);
  edits.push({ range: [statement.range[0], statement.range[0]], text: inserted });
  const builderOffset = lines.slice(0, 2).join(newline).length + newline.length + indent.length + unit.length + ask.indexOf(builder);
  const repeated = notPure.find((s) => !(s.type === 'ExpressionStatement' && isLogCall(s.expression)));
  return { edits, view, names, deprecatedAt: { anchor: statement.range[0], local: builderOffset - inserted.length }, repeated };
}

/** The statement `await H()` is the value of: `x = await H();`, `const x = await H();`, `await H();`. */
function ownStatementOf(call: TSESTree.CallExpression): Node | undefined {
  let child: Node = call;
  for (let parent = call.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'AwaitExpression' || (parent.type === 'VariableDeclarator' && parent.init === child)) continue;
    if (parent.type === 'AssignmentExpression' && parent.right === child) continue;
    if (parent.type === 'VariableDeclaration' && parent.declarations.length === 1) return parent;
    if (parent.type === 'ExpressionStatement') return parent;
    return undefined;
  }
  return undefined;
}

/** The local name of a type exported by the v2 server package: imported already, or free to import. */
function importedTypeName(code: Code, name: string, quote: string): string | undefined {
  return namedImports(code, v2ServerEntry, [{ name, typeOnly: true }], quote)?.names.get(name);
}

/** `ctx.mcpReq` (or the `mcpReq` a destructured context binds), adding a context parameter when the handler has none. */
function mcpReqOf(code: Code, fn: TSESTree.FunctionLike, edits: TextEdit[]): string | undefined {
  const param = handlerContextParameter(fn, code);
  if (param?.type === 'Identifier') return `${param.name}.mcpReq`;
  if (param?.type === 'ObjectPattern') {
    const property = param.properties.find((p): p is TSESTree.Property => p.type === 'Property' && !p.computed && propertyKeyName(p) === 'mcpReq');
    return property?.value.type === 'Identifier' ? property.value.name : undefined;
  }
  if (param) return undefined;
  const name = freeName(code, fn, ['ctx', 'context', 'mcpCtx']);
  const added = name ? addContextParameter(code, fn, name) : undefined;
  if (!added) return undefined;
  edits.push(added);
  return `${name}.mcpReq`;
}

/** One level of indentation: the statement's line against the line its handler (or its capability test) starts on. */
function indentUnit(text: string, fn: Node, indent: string): string {
  const fnLine = text.slice(text.lastIndexOf('\n', fn.range[0] - 1) + 1);
  const fnIndent = /^[ \t]*/.exec(fnLine)![0];
  if (indent.startsWith(fnIndent) && indent.length > fnIndent.length) return indent.slice(fnIndent.length);
  return indent.startsWith('\t') ? '\t' : '  ';
}

/**
 * The params' text with its continuation lines one level deeper, as they move into the guard.
 * Left as it is when a string or template literal spans lines (its content would change).
 */
function shiftLines(code: Code, node: Node, unit: string): string {
  const text = code.getText(node as never);
  if (!text.includes('\n')) return text;
  const multilineString = code.ast.tokens?.some(
    (t) => t.range[0] >= node.range[0] && t.range[1] <= node.range[1] && (t.type === 'String' || t.type === 'Template') && t.value.includes('\n'),
  );
  return multilineString ? text : text.replace(/\n(?=[^\r\n])/g, `\n${unit}`);
}
