import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTree } from '../../bench/generate.mjs';
import { mcpShapes } from '../../bench/templates/mcp.mjs';
import { audit } from '../../src/index.js';
import { gitListFiles } from '../../src/engine/git.js';
import { tempProject } from '../helpers/cli.js';

const mcpKinds = new Set(mcpShapes.map(([kind]) => kind));
const kindOf = (file: string) => /([a-z-]+)-\d+\.ts$/.exec(file)![1]!;

/** Every file git sees, with a digest of its bytes: equal for equal trees. */
async function fingerprint(dir: string): Promise<string[]> {
  const files = (await gitListFiles(dir))!.sort();
  return files.map((file) => `${file} ${createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')}`);
}

describe('the benchmark tree generator', () => {
  const options = { files: 40, mcpShare: 0.25, nodeModulesFiles: 60, filesPerPackage: 10 };

  it('writes the same tree for the same options, and another for another seed', async () => {
    const a = generateTree(tempProject({}), options);
    const b = generateTree(tempProject({}), options);
    const c = generateTree(tempProject({}), { ...options, seed: 'other' });
    expect(await fingerprint(a.dir)).toEqual(await fingerprint(b.dir));
    expect(await fingerprint(c.dir)).not.toEqual(await fingerprint(a.dir));
  });

  it('writes the asked number of MCP and ordinary files, which audit tells apart, and a node_modules audit skips', async () => {
    const tree = generateTree(tempProject({}), options);
    expect(tree).toMatchObject({ files: 40, mcpFiles: 10, ordinaryFiles: 30, nodeModulesFiles: 60, packages: 4 });

    const result = await audit({ cwd: tree.dir, jobs: 1 });
    expect(result.summary.filesDiscovered).toBe(40);
    expect(result.errors).toEqual([]);
    const flagged = new Set(result.findings.map((finding) => finding.file));
    const mcpFiles = (await gitListFiles(tree.dir))!.filter((file) => file.endsWith('.ts') && mcpKinds.has(kindOf(file)));
    // Every MCP file is in a legacy shape audit reports; no ordinary file, lookalikes included, is reported.
    expect(mcpFiles).toHaveLength(10);
    expect([...flagged].sort()).toEqual(mcpFiles.sort());
    // Lookalikes hold the rules' everyday words (`ping`, `Task`, `initialize`, …) but no sign of
    // MCP, so the prefilter's second condition keeps them from being parsed.
    const ordinary = (await gitListFiles(tree.dir))!.filter((file) => file.endsWith('.ts') && !mcpKinds.has(kindOf(file)));
    const holdingAToken = ordinary.filter((file) => /ping|task|initialize|logging|sampling|client/i.test(readFileSync(join(tree.dir, file), 'utf8')));
    expect(holdingAToken.length).toBeGreaterThan(0);
    expect(result.summary.filesParsed).toBe(10);
  });
});
