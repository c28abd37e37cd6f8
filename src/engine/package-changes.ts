import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { git } from './git-run.js';

/** The package.json fields that name dependencies. */
export const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** One dependency entry of a package.json that a migration added, removed or changed. */
export interface DependencyChange {
  /** The manifest, relative to the repository's top, with `/` separators. */
  manifest: string;
  field: (typeof dependencyFields)[number];
  name: string;
  before?: string;
  after?: string;
}

/** The dependency entries that differ in every package.json changed between two commits. */
export async function dependencyChanges(top: string, from: string, to: string): Promise<DependencyChange[]> {
  const names = await git(top, ['diff', '--name-only', '--no-renames', '-z', from, to]);
  const manifests = names.split('\0').filter((name) => name === 'package.json' || name.endsWith('/package.json'));
  const changes: DependencyChange[] = [];
  for (const manifest of manifests) {
    const before = await manifestAt(top, from, manifest);
    const after = await manifestAt(top, to, manifest);
    for (const field of dependencyFields) {
      const old = before[field] ?? {};
      const now = after[field] ?? {};
      for (const name of [...new Set([...Object.keys(old), ...Object.keys(now)])].sort()) {
        if (old[name] === now[name]) continue;
        changes.push({ manifest, field, name, ...(old[name] !== undefined ? { before: old[name] } : {}), ...(now[name] !== undefined ? { after: now[name] } : {}) });
      }
    }
  }
  return changes;
}

type Manifest = Partial<Record<(typeof dependencyFields)[number], Record<string, string>>>;

async function manifestAt(top: string, commit: string, path: string): Promise<Manifest> {
  try {
    return JSON.parse(await git(top, ['show', `${commit}:${path}`])) as Manifest;
  } catch {
    // Added or deleted by the migration, or not JSON on one side: every entry counts as changed.
    return {};
  }
}

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const lockfiles: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The package manager whose lockfile is nearest above `dir` (up to `top`); npm when there is none. */
export function packageManagerOf(dir: string, top: string): PackageManager {
  let current = resolve(dir);
  for (;;) {
    for (const [file, manager] of lockfiles) if (existsSync(join(current, file))) return manager;
    const parent = dirname(current);
    if (current === resolve(top) || parent === current) return 'npm';
    current = parent;
  }
}

export function installCommand(manager: PackageManager): string {
  return `${manager} install`;
}

export function runScriptCommand(manager: PackageManager, script: string): string {
  return manager === 'npm' ? (script === 'test' ? 'npm test' : `npm run ${script}`) : `${manager} run ${script}`;
}

// The scripts a reviewer should run, in this order, under the names projects usually give them.
const verifyScripts = ['build', 'typecheck', 'type-check', 'check-types', 'tsc', 'lint', 'test'];

/** The verify scripts the package.json nearest above `dir` (up to `top`) defines. */
export function verifyScriptsOf(dir: string, top: string): string[] {
  let current = resolve(dir);
  for (;;) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, unknown> }).scripts ?? {};
        return verifyScripts.filter((name) => typeof scripts[name] === 'string');
      } catch {
        return [];
      }
    }
    const parent = dirname(current);
    if (current === resolve(top) || parent === current) return [];
    current = parent;
  }
}
