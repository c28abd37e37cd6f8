import { pluginNamespace } from './catalog.js';
import { escapeRegExp } from './regexp.js';

/**
 * The cheap test that keeps most files from ever being parsed: one case-insensitive regular
 * expression over every enabled rule's tokens (design.md principle 8). Each rule's tokens are
 * a necessary condition of its reports, so a rule is run only on files holding one of them.
 */
export class Prefilter {
  private readonly pattern: RegExp;
  private readonly rulesByToken = new Map<string, string[]>();
  /** For each token, the tokens it contains (itself included): a match of `tools/list` is also one of `tools/`. */
  private readonly containedTokens = new Map<string, string[]>();
  private readonly directiveToken = `${pluginNamespace}/`;

  constructor(ruleTokens: ReadonlyMap<string, readonly string[]>) {
    const tokens = new Set<string>([this.directiveToken]);
    for (const [ruleId, list] of ruleTokens) {
      for (const token of list) {
        const key = token.toLowerCase();
        tokens.add(key);
        this.rulesByToken.set(key, [...(this.rulesByToken.get(key) ?? []), ruleId]);
      }
    }
    for (const token of tokens) this.containedTokens.set(token, [...tokens].filter((other) => token.includes(other)));
    const alternatives = [...tokens].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = new RegExp(alternatives.join('|'), 'gi');
  }

  /** Which rules can report in this text, and whether it holds one of our disable directives. */
  scan(text: string): { ruleIds: string[]; hasDirective: boolean } {
    const seen = new Set<string>();
    const total = this.containedTokens.size;
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(text); match && seen.size < total; match = this.pattern.exec(text)) {
      for (const token of this.containedTokens.get(match[0].toLowerCase()) ?? []) seen.add(token);
      // The alternation takes the longest token at each position; restarting one character
      // later still finds tokens that begin inside this match and run past its end.
      this.pattern.lastIndex = match.index + 1;
    }
    const ruleIds = new Set<string>();
    for (const token of seen) for (const id of this.rulesByToken.get(token) ?? []) ruleIds.add(id);
    return { ruleIds: [...ruleIds].sort(), hasDirective: seen.has(this.directiveToken) };
  }
}
