import { catalogEntry, pluginNamespace, ruleIds, ruleTokensOf } from './catalog.js';
import { escapeRegExp } from './regexp.js';

/**
 * What a rule needs in a file's text to be able to report: one of `anyOf`, and, when given,
 * also one of `alsoOneOf` (a rule's `prefilter` and `prefilterAlso`).
 */
export interface RuleTokens {
  anyOf: readonly string[];
  alsoOneOf?: readonly string[] | undefined;
}

/** What a file's text holds; shared by every caller that asks about the same text, so read-only. */
export interface PrefilterResult {
  readonly ruleIds: readonly string[];
  readonly hasDirective: boolean;
}

/**
 * The cheap test that keeps most files from ever being parsed: one case-insensitive regular
 * expression over every enabled rule's tokens (design.md principle 8). Each rule's tokens are
 * a necessary condition of its reports, so a rule is run only on files that meet them.
 */
export class Prefilter {
  private readonly pattern: RegExp;
  private readonly rules: ReadonlyArray<{ id: string; anyOf: readonly string[]; alsoOneOf: readonly string[] | undefined }>;
  /** For each token, the tokens it contains (itself included): a match of `tools/list` is also one of `tools/`. */
  private readonly containedTokens = new Map<string, string[]>();
  private readonly directiveToken = `${pluginNamespace}/`;
  /** The last text scanned and its result: `fix` asks about one text once per transform, ESLint once per rule. */
  private last: { text: string; result: PrefilterResult } | undefined;

  constructor(ruleTokens: ReadonlyMap<string, RuleTokens>) {
    const tokens = new Set<string>([this.directiveToken]);
    const lower = (list: readonly string[]) => list.map((token) => token.toLowerCase());
    this.rules = [...ruleTokens].map(([id, { anyOf, alsoOneOf }]) => ({ id, anyOf: lower(anyOf), alsoOneOf: alsoOneOf && lower(alsoOneOf) }));
    for (const rule of this.rules) for (const token of [...rule.anyOf, ...(rule.alsoOneOf ?? [])]) tokens.add(token);
    for (const token of tokens) this.containedTokens.set(token, [...tokens].filter((other) => token.includes(other)));
    const alternatives = [...tokens].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = new RegExp(alternatives.join('|'), 'gi');
  }

  /** Which rules can report in this text, and whether it holds one of our disable directives. */
  scan(text: string): PrefilterResult {
    if (this.last?.text !== text) this.last = { text, result: this.scanAfresh(text) };
    return this.last.result;
  }

  private scanAfresh(text: string): PrefilterResult {
    const seen = new Set<string>();
    const total = this.containedTokens.size;
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(text); match && seen.size < total; match = this.pattern.exec(text)) {
      for (const token of this.containedTokens.get(match[0].toLowerCase()) ?? []) seen.add(token);
      // The alternation takes the longest token at each position; restarting one character
      // later still finds tokens that begin inside this match and run past its end.
      this.pattern.lastIndex = match.index + 1;
    }
    const holdsOne = (list: readonly string[]) => list.some((token) => seen.has(token));
    const ruleIds = this.rules.filter((rule) => holdsOne(rule.anyOf) && (!rule.alsoOneOf || holdsOne(rule.alsoOneOf))).map((rule) => rule.id);
    return { ruleIds: ruleIds.sort(), hasDirective: seen.has(this.directiveToken) };
  }
}

/** The prefilter of those of `ids` that are rules (not engine checks), from the generated catalog: no rule module is loaded. */
export function prefilterFor(ids: readonly string[]): Prefilter {
  return new Prefilter(new Map(ids.flatMap((id) => {
    const entry = catalogEntry(id);
    return entry ? [[id, ruleTokensOf(entry)] as const] : [];
  })));
}

let everyRule: Prefilter | undefined;

/**
 * One prefilter over all our rules, shared by the ESLint plugin's rule gate and the transforms'
 * choice of rules: `fix` asks both about the same text, and one scan answers them.
 */
export function everyRulePrefilter(): Prefilter {
  everyRule ??= prefilterFor(ruleIds());
  return everyRule;
}
