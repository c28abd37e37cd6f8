import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Chalk, supportsColor } from 'chalk';
import { didYouMean } from '../did-you-mean.js';
import { catalogEntry, describeRule, engineChecks, knownCheckIds } from '../engine/catalog.js';
import { packageRoot } from '../package-info.js';
import { UsageError } from '../usage-error.js';

/** `mcp-migrate explain <rule-id>`: the rule's documentation page, styled for a terminal. */
export async function runExplain(id: string, options: { color?: boolean }): Promise<number> {
  const chalk = new Chalk({ level: (options.color ?? (supportsColor !== false && supportsColor.level > 0)) ? 1 : 0 });
  const check = engineChecks[id];
  if (check) {
    process.stdout.write(`${chalk.bold(check.id)}\n\n${check.description}.\n\nMore: ${check.docsUrl}\n`);
    return 0;
  }
  if (!catalogEntry(id)) {
    throw new UsageError(`unknown rule "${id}"${didYouMean(id, knownCheckIds())}. Run \`mcp-migrate list\` for the rule ids`);
  }
  const markdown = await readFile(join(packageRoot, 'rules', `${id}.md`), 'utf8');
  process.stdout.write(`${renderForTerminal(markdown, chalk)}\n${chalk.dim(`Online: ${describeRule(id).docsUrl}`)}\n`);
  return 0;
}

/** Just enough Markdown for a terminal: headings, fenced code, inline code, bold and links. */
export function renderForTerminal(markdown: string, chalk: InstanceType<typeof Chalk>): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(chalk.cyan(`    ${line}`));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = inline(heading[2]!, chalk);
      out.push(heading[1]!.length === 1 ? chalk.bold.underline(text) : chalk.bold(text));
      continue;
    }
    out.push(inline(line, chalk));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function inline(text: string, chalk: InstanceType<typeof Chalk>): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, url: string) => `${label} (${chalk.underline(url)})`)
    .replace(/\*\*([^*]+)\*\*/g, (_, bold: string) => chalk.bold(bold))
    .replace(/`([^`]+)`/g, (_, code: string) => chalk.yellow(code));
}
