import { posix } from 'node:path';
import type { PrResult } from '../../engine/pr.js';
import type { MarkerLocation } from '../../engine/transform-runner.js';
import { readmeUrl, repositoryUrl, ruleDocsUrl, targetRevision, toolName, toolVersion } from '../../package-info.js';
import { defaultMarkdownMaxLength } from '../markdown.js';
import { type CuttableBlock, fitMarkdown } from '../markdown-fit.js';
import { cellText, codeSpan, linkTarget } from '../markdown-text.js';
import { formatCount, plural } from '../wording.js';

export const prTitle = `Migrate to MCP ${targetRevision} (${toolName})`;

export interface PrBodyContext {
  /** `owner/name` on GitHub: marker locations become links to the branch's commit. */
  repo?: string;
  /** `https://github.com`, or a GitHub Enterprise server's address. */
  serverUrl?: string;
  /** The working directory relative to the repository's top (`''` at the top), for repository paths. */
  cwdPrefix: string;
  /** The command that makes the same branch again. */
  reproduce: string;
  installCommand: string;
  /** Commands from the project's package.json scripts, to run on the branch. */
  verifyCommands: string[];
  maxLength?: number;
}

type Kind = 'markers' | 'failed' | 'skipped' | 'notes';
// Failures say the migration is incomplete, so they get room first; markers are the longest list, so they are cut first.
const fillOrder: Kind[] = ['failed', 'notes', 'skipped', 'markers'];

/**
 * The pull request body: summary, transforms table, the markers grouped by rule, failed and skipped
 * files, package.json changes, a verify checklist, the command that reproduces it, what re-running
 * and closing do, and a hidden machine-readable block. Long lists are cut to keep it under
 * GitHub's limit; the totals always stay.
 */
export function renderPrBody(result: PrResult, context: PrBodyContext): string {
  const maxLength = context.maxLength ?? defaultMarkdownMaxLength;
  return fitMarkdown<Kind>({
    head: [`## ${prTitle}`, summary(result), transformsTable(result)],
    blocks: [...markerBlocks(result, context), ...failedBlocks(result, context), ...skippedBlocks(result, context), ...notesBlocks(result, context)],
    tail: [
      ...packageSection(result, context),
      verifySection(result, context),
      `### Reproduce\n\n\`\`\`sh\n${context.reproduce}\n\`\`\``,
      controlsSection(result),
      `<sub>${toolName} ${toolVersion} · MCP ${targetRevision}</sub>\n${hiddenBlock(result)}`,
    ],
    fillOrder,
    maxLength,
    notice: (omitted) => omissionNotice(omitted, maxLength),
  });
}

/** Whether the pull request should be a draft: a marker means a person still has work to do. */
export function isDraft(result: PrResult): boolean {
  return result.markers.length > 0;
}

function summary(result: PrResult): string {
  const s = result.summary;
  const base = `${result.base.ref ? `${codeSpan(result.base.ref)} at ` : ''}${codeSpan(result.base.sha.slice(0, 12))}`;
  const lines = [
    `[${toolName}](${repositoryUrl}) ${toolVersion} migrated this code to MCP protocol revision **${targetRevision}**: ` +
      `${plural(s.filesChanged, 'file')} changed, ${plural(s.edits, 'edit')}, in ${plural(result.commits.length, 'commit')} (one per transform, so each can be reverted on its own), from ${base}.`,
    s.markers > 0
      ? `**${plural(s.markers, 'marker')} need a person** (${formatCount(s.markersAdded)} new): each is a \`/* mcp-migrate(<rule>): … */\` comment saying what to do. This pull request stays a draft until they are done.`
      : '**No markers**: nothing left needs a person, as far as the rules can tell.',
  ];
  if (s.failed > 0 || s.skipped > 0) lines.push(`${plural(s.failed, 'file')} could not be rewritten, ${plural(s.skipped, 'path')} skipped (below).`);
  return lines.join('\n\n');
}

function transformsTable(result: PrResult): string {
  const rows = result.commits.map((commit) =>
    tableRow([
      `[${codeSpan(commit.transform)}](${linkTarget(readmeUrl(commit.transform === 'upgrade-sdk' ? '--upgrade-sdk' : commit.transform))})`,
      cellText(commit.description),
      String(commit.files.length),
      String(commit.edits),
      String(commit.markersAdded),
      codeSpan(commit.sha.slice(0, 12)),
    ]),
  );
  return ['### Transforms', '', '| transform | what it does | files | edits | markers added | commit |', '|:--|:--|--:|--:|--:|:--|', ...rows].join('\n');
}

function markerBlocks(result: PrResult, context: PrBodyContext): CuttableBlock<Kind>[] {
  const byRule = new Map<string, MarkerLocation[]>();
  for (const marker of result.markers) byRule.set(marker.ruleId, [...(byRule.get(marker.ruleId) ?? []), marker]);
  return [...byRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ruleId, markers], index) => ({
      kind: 'markers',
      open: [
        ...(index === 0 ? [`### Needs a person (${plural(result.markers.length, 'marker')})`, '', 'Do what each marker says, then delete the marker.', ''] : []),
        `#### [${codeSpan(ruleId)}](${linkTarget(ruleDocsUrl(ruleId))}): ${plural(markers.length, 'marker')}`,
        '',
      ].join('\n'),
      rows: markers.map((marker) => `- ${location(marker, result, context)} ${cellText(withoutDocsUrl(marker.text))}`),
      close: '',
    }));
}

/** `path:line`, a link to that line on the branch's commit when the repository is known. */
function location(marker: MarkerLocation, result: PrResult, context: PrBodyContext): string {
  const path = repoPath(marker.file, context);
  const text = codeSpan(`${path}:${marker.line}`);
  if (!context.repo || !result.head) return text;
  const server = (context.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  const url = `${server}/${context.repo}/blob/${result.head}/${path.split('/').map(encodeURIComponent).join('/')}#L${marker.line}`;
  return `[${text}](${linkTarget(url)})`;
}

/** A path relative to the working directory as a path in the repository, as GitHub shows them. */
function repoPath(file: string, context: PrBodyContext): string {
  return posix.join(context.cwdPrefix, file);
}

/** A marker ends with its rule's docs link, which the rule's heading already carries. */
function withoutDocsUrl(text: string): string {
  return text.replace(/\s*https?:\/\/\S+$/, '');
}

function failedBlocks(result: PrResult, context: PrBodyContext): CuttableBlock<Kind>[] {
  if (result.failed.length === 0) return [];
  return [
    {
      kind: 'failed',
      open: ['### Left unchanged', '', 'These files were not rewritten by the transform named; the rest of the branch does not depend on them.', '', '| file | transform | why |', '|:--|:--|:--|'].join('\n'),
      rows: result.failed.map((f) => tableRow([codeSpan(repoPath(f.file, context)), f.transform ? codeSpan(f.transform) : '', cellText(f.reason)])),
      close: '',
    },
  ];
}

function skippedBlocks(result: PrResult, context: PrBodyContext): CuttableBlock<Kind>[] {
  if (result.skipped.length === 0) return [];
  return [
    {
      kind: 'skipped',
      open: ['### Skipped', '', '| path | why |', '|:--|:--|'].join('\n'),
      rows: result.skipped.map((s) => tableRow([codeSpan(repoPath(s.file, context)), cellText(s.reason)])),
      close: '',
    },
  ];
}

function notesBlocks(result: PrResult, context: PrBodyContext): CuttableBlock<Kind>[] {
  const grouped = new Map<string, { transform: string; files: string[] }>();
  for (const note of result.notes) {
    const entry = grouped.get(note.message) ?? { transform: note.transform, files: [] };
    if (note.file !== '.') entry.files.push(repoPath(note.file, context));
    grouped.set(note.message, entry);
  }
  if (grouped.size === 0) return [];
  return [
    {
      kind: 'notes',
      open: '### Notes',
      rows: [...grouped].map(([message, { transform, files }]) => `- ${codeSpan(transform)}: ${cellText(message)}${files.length > 0 ? ` (${files.map(codeSpan).join(', ')})` : ''}`),
      close: '',
    },
  ];
}

function packageSection(result: PrResult, context: PrBodyContext): string[] {
  if (result.packageChanges.length === 0) return [];
  const rows = result.packageChanges.map((c) =>
    tableRow([codeSpan(c.manifest), c.field, codeSpan(c.name), c.before === undefined ? '(added)' : codeSpan(c.before), c.after === undefined ? '(removed)' : codeSpan(c.after)]),
  );
  return [
    ['### package.json', '', '| manifest | field | dependency | before | after |', '|:--|:--|:--|:--|:--|', ...rows, '', `Then install: \`${context.installCommand}\` (the lockfile is not updated by this branch).`].join('\n'),
  ];
}

function verifySection(result: PrResult, context: PrBodyContext): string {
  const items = [
    ...(result.packageChanges.length > 0 ? [`\`${context.installCommand}\``] : []),
    ...context.verifyCommands.map((command) => `\`${command}\``),
    `\`npx ${toolName}@${toolVersion} audit\` on this branch: only \`manual\` findings left, each at a marker`,
    ...(result.markers.length > 0 ? ['every marker above done and deleted; then mark this pull request ready for review'] : []),
    'read each commit: one transform each, revert any you do not want (`git revert <commit>`)',
  ];
  return ['### Verify', '', ...items.map((item) => `- [ ] ${item}`)].join('\n');
}

function controlsSection(result: PrResult): string {
  return [
    '### Controls',
    '',
    `- Running \`${toolName} pr\` again starts ${codeSpan(result.branch)} anew from the base and makes these commits again: **edits pushed to this branch by hand are overwritten**. Make them after merging, or on another branch.`,
    '- The commits carry the base commit\'s date, so a re-run from the same base makes the same commits and pushing them changes nothing.',
    `- Closing this pull request without merging stops \`${toolName} pr --open\` from opening it again; delete the branch to start over.`,
  ].join('\n');
}

/** Machine state for bots: the same `hash` (the migrated tree) means the branch needs no update. */
function hiddenBlock(result: PrResult): string {
  const state = {
    v: 1,
    tool: toolVersion,
    target: targetRevision,
    branch: result.branch,
    base: result.base.sha,
    head: result.head ?? null,
    transforms: result.commits.map((c) => c.transform),
    markers: result.markers.length,
    hash: result.tree,
  };
  // `--` cannot end an HTML comment early once every `-` is escaped, and JSON allows `\u002d`.
  return `<!-- ${toolName}:${JSON.stringify(state).replace(/--/g, '-\\u002d')} -->`;
}

function omissionNotice(omitted: Partial<Record<Kind, number>>, maxLength: number): string {
  const parts = [
    ...(omitted.markers ? [plural(omitted.markers, 'marker')] : []),
    ...(omitted.failed ? [plural(omitted.failed, 'failed file')] : []),
    ...(omitted.skipped ? [plural(omitted.skipped, 'skipped path')] : []),
    ...(omitted.notes ? [plural(omitted.notes, 'note')] : []),
  ];
  return (
    `> **Left out: ${parts.join(', ')}**, to keep this body under ${formatCount(maxLength)} characters. ` +
    `On this branch, \`git grep -n "mcp-migrate("\` lists every marker and \`npx ${toolName}@${toolVersion} audit\` every finding.`
  );
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
