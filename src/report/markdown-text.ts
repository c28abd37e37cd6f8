/** Escaping for text inside GitHub-flavoured Markdown table cells. */

const lineBreaks = /\r\n|\r|\n/g;
const codeSpans = /`([^`]+)`/g;
// `@scope/name` would notify a GitHub team or user when it sits in plain text.
const mentions = /@[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?/g;

/** A cell's text: `code` in backticks stays code, everything else is shown literally. */
export function cellText(text: string): string {
  const oneLine = text.replace(lineBreaks, ' ');
  let cell = '';
  let plainStart = 0;
  for (const match of oneLine.matchAll(codeSpans)) {
    cell += plainText(oneLine.slice(plainStart, match.index)) + codeSpan(match[1]!);
    plainStart = match.index + match[0].length;
  }
  return cell + plainText(oneLine.slice(plainStart));
}

/** Text shown as it is: no HTML, no table breaks, no stray code spans, no mentions. */
function plainText(text: string): string {
  let escaped = '';
  let plainStart = 0;
  for (const match of text.matchAll(mentions)) {
    escaped += escapePlain(text.slice(plainStart, match.index)) + codeSpan(match[0]);
    plainStart = match.index + match[0].length;
  }
  return escaped + escapePlain(text.slice(plainStart));
}

function escapePlain(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`');
}

/**
 * A code span that shows `text` exactly: the fence is longer than any backtick run inside, and `|` is
 * escaped because GitHub splits table cells before it parses code spans.
 */
export function codeSpan(text: string): string {
  const oneLine = text.replace(lineBreaks, ' ');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${oneLine.replace(/\|/g, '\\|')}${padding}${fence}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A link target that cannot end the link or the table cell early. */
export function linkTarget(url: string): string {
  return url.replace(/[ ()|<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
