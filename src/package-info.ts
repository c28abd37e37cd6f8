import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name: string;
  version: string;
  repository?: { url?: string };
}

/**
 * The package's root directory. Found by walking up from this module, because the same
 * code runs from `src/` (tests) and from `dist/src/` (the published build).
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as Partial<PackageJson>;
      if (pkg.name === 'mcp-migrate') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('mcp-migrate: cannot find its own package.json');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as PackageJson;

export const toolName = pkg.name;
export const toolVersion = pkg.version;

/** `https://github.com/<owner>/<repo>`, from package.json `repository.url`. */
export const repositoryUrl = (pkg.repository?.url ?? '')
  .replace(/^git\+/, '')
  .replace(/\.git$/, '');

/** Documentation links are pinned to the released version, so they never describe another one. */
export function ruleDocsUrl(ruleId: string): string {
  return `${repositoryUrl}/blob/v${toolVersion}/rules/${ruleId}.md`;
}

/** Findings that are not a rule's (unused directives) link to this README section. */
export function readmeUrl(anchor: string): string {
  return `${repositoryUrl}/blob/v${toolVersion}/README.md#${anchor}`;
}

/** The protocol revision this version of the tool migrates to. */
export const targetRevision = '2026-07-28';
