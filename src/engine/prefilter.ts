import { pluginNamespace } from './catalog.js';

/**
 * The cheap test that keeps most files from ever being parsed: one case-insensitive regular
 * expression over every enabled rule's tokens (design.md principle 8). Each rule's tokens are
 * a necessary condition of its reports, so a rule is run only on files holding one of them.
 */
export class Prefilter {
  private readonly pattern: RegExp;
  private readonly rulesByToken = new Map<string, string[]>();
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
    const alternatives = [...tokens].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = new RegExp(alternatives.join('|'), 'gi');
  }

  /** Which rules can report in this text, and whether it holds one of our disable directives. */
  scan(text: string): { ruleIds: string[]; hasDirective: boolean } {
    const ruleIds = new Set<string>();
    let hasDirective = false;
    const seen = new Set<string>();
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(text); match; match = this.pattern.exec(text)) {
      const token = match[0].toLowerCase();
      if (seen.has(token)) continue;
      seen.add(token);
      if (token === this.directiveToken) hasDirective = true;
      for (const id of this.rulesByToken.get(token) ?? []) ruleIds.add(id);
      if (seen.size === this.rulesByToken.size + 1) break;
    }
    return { ruleIds: [...ruleIds].sort(), hasDirective };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
