import { createHash } from 'node:crypto';
import { repositoryUrl, targetRevision, toolName, toolVersion } from '../package-info.js';
import { sortFindings } from './by-rule.js';
import { fixLevels as allFixLevels, isAtLeast, type AuditResult, type FileError, type Finding, type FixLevel, type RuleDescriptor, type Severity } from './finding.js';
import { directoryUri, fileUri, locateFromRoot, relativeUri } from './paths.js';

export interface SarifOptions {
  /** The absolute directory URIs are relative to, usually the git top-level (GitHub resolves them against the repository). */
  srcRoot: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; fixLevels: FixLevel[] };
}


const srcRootId = '%SRCROOT%';
const fingerprintName = 'mcpMigrate/v1';
const ruleTags = ['mcp', 'migration', targetRevision];

/** Ids that findings carry without a rule behind them, with what they mean. */
const levelOf: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for GitHub code scanning (tool-anchors.md §5.5). */
export function renderSarif(result: AuditResult, options: SarifOptions): string {
  const rules = ruleFacts(result);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const locate = (file: string): ArtifactLocation => artifactLocation(result.cwd, file, options.srcRoot);
  const findings = sortFindings(result.findings);
  const fingerprints = fingerprintsOf(findings, locate);
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: { name: toolName, version: toolVersion, informationUri: repositoryUrl, rules: rules.map(sarifRule) },
        },
        invocations: [invocation(result.errors, locate)],
        originalUriBaseIds: { [srcRootId]: { uri: directoryUri(options.srcRoot) } },
        // ESLint, and so every Finding, counts columns in UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding, index) =>
          sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0, locate(finding.file), fingerprints[index]!),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/**
 * The rules that ran (the engine describes every rule and check it runs), then, for results
 * assembled elsewhere, any other id a finding carries. GitHub rejects duplicate ids.
 */
function ruleFacts(result: AuditResult): RuleDescriptor[] {
  const facts = new Map<string, RuleDescriptor>();
  for (const rule of result.rules) {
    if (!facts.has(rule.id)) facts.set(rule.id, { ...rule });
  }
  for (const finding of result.findings) {
    if (!facts.has(finding.ruleId)) facts.set(finding.ruleId, factsFromFindings(finding.ruleId, result.findings));
  }
  return [...facts.values()];
}

function factsFromFindings(ruleId: string, findings: Finding[]): RuleDescriptor {
  const own = findings.filter((finding) => finding.ruleId === ruleId);
  return {
    id: ruleId,
    description: `Findings reported as ${ruleId}`,
    severity: own.reduce<Severity>((most, finding) => (isAtLeast(finding.severity, most) ? finding.severity : most), 'info'),
    docsUrl: own[0]?.docsUrl ?? '',
    fixLevels: allFixLevels.filter((level) => own.some((finding) => finding.fix === level)),
  };
}

function sarifRule(rule: RuleDescriptor): SarifRule {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: fullDescription(rule) },
    ...(rule.docsUrl ? { helpUri: rule.docsUrl } : {}),
    help: { text: helpText(rule) },
    defaultConfiguration: { level: levelOf[rule.severity] },
    properties: { tags: ruleTags, fixLevels: rule.fixLevels },
  };
}

function fullDescription(rule: RuleDescriptor): string {
  const sentence = rule.description.endsWith('.') ? rule.description : `${rule.description}.`;
  return `${sentence} Checked against MCP protocol revision ${targetRevision}.`;
}

function helpText(rule: RuleDescriptor): string {
  const lines = [fullDescription(rule), ''];
  if (rule.fixLevels.includes('safe')) lines.push('Some findings are fixed by `mcp-migrate fix` and `eslint --fix`.');
  if (rule.transform) lines.push(`Structural rewrites: \`mcp-migrate fix\` (transform ${rule.transform}); review the diff.`);
  if (rule.fixLevels.includes('manual')) lines.push('Some findings need a manual change; the message says which.');
  const explain = `Run \`mcp-migrate explain ${rule.id}\``;
  lines.push(rule.docsUrl ? `${explain} or read ${rule.docsUrl}` : explain);
  return lines.join('\n');
}

export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function artifactLocation(cwd: string, file: string, srcRoot: string): ArtifactLocation {
  const located = locateFromRoot(cwd, file, srcRoot);
  if (!located.insideRoot) return { uri: fileUri(located.absolutePath) };
  return { uri: relativeUri(located.segments), uriBaseId: srcRootId };
}

function sarifResult(finding: Finding, ruleIndex: number, location: ArtifactLocation, fingerprint: string) {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levelOf[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(finding) } }],
    partialFingerprints: { [fingerprintName]: fingerprint },
    properties: { fix: finding.fix, ...(finding.transform === undefined ? {} : { transform: finding.transform }) },
  };
}

/** SARIF wants every number ≥ 1 and the end not before the start; a bad location must not sink the upload. */
function region(finding: Finding) {
  const startLine = Math.max(1, finding.line);
  const startColumn = Math.max(1, finding.column);
  const endLine = Math.max(startLine, finding.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, finding.endColumn) : Math.max(1, finding.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/**
 * The hash leaves out the line so an alert keeps its identity when unrelated edits move it;
 * identical findings in one file are told apart by their order, as CodeQL's `:n` suffix does.
 */
function fingerprintsOf(findings: Finding[], locate: (file: string) => ArtifactLocation): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const hash = createHash('sha256')
      .update([finding.ruleId, locate(finding.file).uri, finding.message].join('\0'))
      .digest('hex');
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

function invocation(errors: FileError[], locate: (file: string) => ArtifactLocation) {
  return {
    executionSuccessful: errors.length === 0,
    toolExecutionNotifications: errors.map((error) => ({
      level: 'error',
      message: { text: error.message },
      locations: [{ physicalLocation: { artifactLocation: locate(error.file), ...errorRegion(error) } }],
    })),
  };
}

function errorRegion(error: FileError): { region?: { startLine: number; startColumn?: number } } {
  if (error.line === undefined) return {};
  const startLine = Math.max(1, error.line);
  return { region: error.column === undefined ? { startLine } : { startLine, startColumn: Math.max(1, error.column) } };
}
