import { compareFindings, fixLevels, severities, type AuditResult, type Finding, type FixLevel, type RuleDescriptor, type Severity } from './finding.js';

/** A rule's findings with what the summary tables show about them. */
export interface RuleGroup {
  id: string;
  docsUrl: string;
  /** Absent for ids no descriptor names, such as `unused-disable-directive`. */
  description: string | undefined;
  /** The severities its findings have, most severe first. */
  severities: Severity[];
  findings: Finding[];
  files: number;
  fixLevels: FixLevel[];
}

const severityRank = (severity: Severity): number => severities.indexOf(severity);

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Rules with at least one finding, the most severe first, then by id. */
export function groupByRule(result: AuditResult): RuleGroup[] {
  const findingsByRule = new Map<string, Finding[]>();
  for (const finding of sortFindings(result.findings)) {
    const group = findingsByRule.get(finding.ruleId) ?? [];
    group.push(finding);
    findingsByRule.set(finding.ruleId, group);
  }
  const descriptors = new Map(result.rules.map((rule) => [rule.id, rule]));
  return [...findingsByRule]
    .map(([id, findings]) => toGroup(id, findings, descriptors.get(id)))
    .sort(compareGroups);
}

function toGroup(id: string, findings: Finding[], descriptor: RuleDescriptor | undefined): RuleGroup {
  return {
    id,
    docsUrl: descriptor?.docsUrl || findings[0]?.docsUrl || '',
    description: descriptor?.description,
    severities: severities.filter((severity) => findings.some((finding) => finding.severity === severity)),
    findings,
    files: new Set(findings.map((finding) => finding.file)).size,
    fixLevels: fixLevels.filter((level) => findings.some((finding) => finding.fix === level)),
  };
}

function compareGroups(a: RuleGroup, b: RuleGroup): number {
  const mostSevere = (group: RuleGroup): number => severityRank(group.severities[0] ?? 'info');
  return mostSevere(a) - mostSevere(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
