import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './random.mjs';
import { mcpFile } from './templates/mcp.mjs';
import { ordinaryFile } from './templates/ordinary.mjs';

export const defaultTreeOptions = { files: 10_000, mcpShare: 0.01, seed: 'mcp-migrate-bench', filesPerPackage: 50 };

/**
 * Writes a synthetic monorepo into `dir` (which must be empty or absent) and makes it a git
 * repository with one commit:
 *
 * - `packages/pkg-NNN/src/*.ts`: `files` source files, `round(files * mcpShare)` of them MCP
 *   servers and clients in the legacy shapes, the rest ordinary TypeScript;
 * - `node_modules/`: `nodeModulesFiles` small .js files (some mentioning MCP), listed in
 *   `.gitignore`, that every tool should skip.
 *
 * The same options always give the same bytes. Returns what was written.
 */
export function generateTree(dir, options = {}) {
  const { files, mcpShare, seed, filesPerPackage } = { ...defaultTreeOptions, ...options };
  const nodeModulesFiles = options.nodeModulesFiles ?? 2 * files;
  if (!Number.isInteger(files) || files < 1) throw new Error(`--files must be a whole number of 1 or more, not ${files}`);
  if (!(mcpShare >= 0 && mcpShare <= 1)) throw new Error(`--mcp-share must be between 0 and 1, not ${mcpShare}`);
  const rng = seededRandom(`${seed}:${files}:${mcpShare}`);
  const mcpCount = Math.round(files * mcpShare);
  const mcpIndexes = spread(rng, files, mcpCount);

  const byKind = {};
  const packageCount = Math.ceil(files / filesPerPackage);
  const packageHasMcp = new Set();
  const written = new Set();
  for (let i = 0; i < files; i++) {
    const pkg = packageName(Math.floor(i / filesPerPackage));
    const isMcp = mcpIndexes.has(i);
    const { kind, text } = isMcp ? mcpFile(rng) : ordinaryFile(rng);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (isMcp) packageHasMcp.add(pkg);
    const srcDir = join(dir, 'packages', pkg, 'src');
    if (!written.has(srcDir)) {
      mkdirSync(srcDir, { recursive: true });
      written.add(srcDir);
    }
    writeFileSync(join(srcDir, `${kind}-${i}.ts`), text);
  }
  for (let p = 0; p < packageCount; p++) {
    const pkg = packageName(p);
    const dependencies = packageHasMcp.has(pkg) ? { '@modelcontextprotocol/sdk': '^1.29.0', express: '^5.1.0', zod: '^4.1.12' } : { zod: '^4.1.12' };
    writeFileSync(join(dir, 'packages', pkg, 'package.json'), `${JSON.stringify({ name: `@bench/${pkg}`, version: '1.0.0', type: 'module', dependencies }, null, 2)}\n`);
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'bench-monorepo', private: true, type: 'module', workspaces: ['packages/*'] }, null, 2)}\n`);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\ndist/\n');
  writeNodeModules(dir, rng, nodeModulesFiles);
  commitAll(dir);
  return { dir, files, mcpFiles: mcpCount, ordinaryFiles: files - mcpCount, nodeModulesFiles, packages: packageCount, byKind };
}

function packageName(index) {
  return `pkg-${String(index).padStart(4, '0')}`;
}

/** `count` distinct indexes below `total`, chosen at random. */
function spread(rng, total, count) {
  const chosen = new Set();
  while (chosen.size < count) chosen.add(rng.int(0, total - 1));
  return chosen;
}

/** Installed dependencies: many small files, some of them MCP SDK code, all ignored by git. */
function writeNodeModules(dir, rng, count) {
  const perPackage = 40;
  const made = new Set();
  for (let i = 0; i < count; i++) {
    const pkg = i % 10 === 0 ? '@modelcontextprotocol/sdk' : `dep-${Math.floor(i / perPackage)}`;
    const libDir = join(dir, 'node_modules', pkg, 'dist', `part-${Math.floor(i / perPackage)}`);
    if (!made.has(libDir)) {
      mkdirSync(libDir, { recursive: true });
      made.add(libDir);
    }
    const text =
      pkg === '@modelcontextprotocol/sdk'
        ? `export const LATEST_PROTOCOL_VERSION = '2025-06-18';\nexport function isInitializeRequest(value) { return value?.method === 'initialize'; }\nexport const SESSION = 'mcp-session-id';\n`
        : `'use strict';\nmodule.exports = function helper${i}(input) {\n  return input == null ? ${rng.int(0, 99)} : String(input).length;\n};\n`;
    writeFileSync(join(libDir, `file-${i}.js`), text);
  }
}

function commitAll(dir) {
  const git = (...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'synthetic monorepo');
}
