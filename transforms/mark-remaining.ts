import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { docsOf, findingKind } from '../src/engine/catalog.js';
import { sdkMajorOfSource } from '../src/mcp/packages.js';
import { insertMarkers, isMarked, type MarkerRequest } from '../src/transforms/markers.js';
import { offsetOf, runRules } from '../src/transforms/rule-findings.js';
import { rulesFor } from '../src/transforms/rule-selection.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `mark-remaining`: the last pass of `fix`. Every finding no transform could resolve gets a marker
 * carrying the finding's own message and documentation link, so the migration pull request shows,
 * in place, all that is left for a person, and `audit` afterwards reports each as `manual` and
 * marked. Advisory (`info`) findings and code gated to 2025 clients are left unmarked, and so are
 * files still on SDK v1: after `--upgrade-sdk` the transforms resolve much of what is reported
 * there, and a marker placed now would outlive its finding.
 */
export const parser = 'ts';

export const v1Note = 'mark-remaining leaves files on SDK v1 unmarked; run `mcp-migrate fix --upgrade-sdk` to move them to v2, rewrite what can be rewritten, and mark the rest';

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  const ruleIds = rulesFor(file.source, options);
  if (ruleIds.length === 0) return undefined;
  const { messages, sourceCode } = runRules(ruleIds, file.source, file.path);
  const requests: MarkerRequest[] = [];
  for (const message of messages) {
    const ruleId = message.ruleId!.slice(message.ruleId!.indexOf('/') + 1);
    const rule = rules[ruleId];
    if (!rule || findingKind(rule, message.messageId)?.severity === 'info') continue;
    const offset = offsetOf(sourceCode, message.line, message.column);
    if (isMarked(sourceCode, offset, ruleId)) continue;
    requests.push({ ruleId, text: message.message, docsUrl: docsOf(rule).url ?? '', offset });
  }
  if (requests.length > 0 && sdkMajorOfSource(file.source) === 1) {
    api.report(v1Note);
    return undefined;
  }
  const marked = insertMarkers(sourceCode, requests);
  if (marked.added === 0) return undefined;
  api.stats('markers', marked.added);
  return marked.output;
}
