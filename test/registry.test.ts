import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { catalogEntry, defaultSeverity, describeRule, docsOf, ruleTokensOf } from '../src/engine/catalog.js';
import { renderRuleCatalog } from '../src/engine/rule-catalog.js';
import { packageRoot, toolVersion } from '../src/package-info.js';
import plugin from '../src/plugin.js';
import { transforms } from '../transforms/index.js';

const ruleFiles = readdirSync(join(packageRoot, 'rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -'.ts'.length));

describe('rule registry', () => {
  it('registers every rule file under its file name, and nothing else', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles.sort());
    for (const [id, rule] of Object.entries(rules)) expect((rule as { name?: string }).name).toBe(id);
  });

  it.each(Object.keys(rules))('%s declares a severity and fix level for every message, and only those', (id) => {
    const rule = rules[id]!;
    const docs = docsOf(rule);
    expect(Object.keys(docs.findings).sort()).toEqual(Object.keys(rule.meta.messages).sort());
    expect(docs.prefilter.length).toBeGreaterThan(0);
    expect(docs.catalogue.length).toBeGreaterThan(0);
    expect(docs.url).toBe(`https://github.com/mcp-migrate/mcp-migrate/blob/v${toolVersion}/rules/${id}.md`);
    for (const kind of Object.values(docs.findings)) {
      if (kind.fix === 'safe') expect(rule.meta.fixable).toBe('code');
      if (kind.fix === 'transform') expect(transforms.map((t) => t.id)).toContain(kind.transform);
    }
  });

  it('has a current src/engine/rule-catalog.generated.ts (run `npm run catalog` after changing a rule\'s meta.docs)', () => {
    expect(readFileSync(join(packageRoot, 'src/engine/rule-catalog.generated.ts'), 'utf8')).toBe(renderRuleCatalog(rules));
  });

  it.each(Object.keys(rules))('%s is described from the catalog as from the rule itself', (id) => {
    const docs = docsOf(rules[id]!);
    expect(describeRule(id)).toMatchObject({ id, description: docs.description, docsUrl: docs.url, severity: defaultSeverity(docs) });
    expect(ruleTokensOf(catalogEntry(id)!)).toEqual(ruleTokensOf(docs));
  });

  it('names only existing rules in every transform', () => {
    for (const transform of transforms) for (const id of transform.resolves) expect(rules).toHaveProperty(id);
  });
});

describe('the ESLint plugin', () => {
  it('carries its name, version and namespace', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
    expect(plugin.meta).toEqual({ name: 'mcp-migrate', version: pkg.version, namespace: 'mcp-migrate' });
  });

  it('enables every rule in configs.recommended at its default level', () => {
    const recommended = plugin.configs.recommended;
    expect(recommended.name).toBe('mcp-migrate/recommended');
    expect(recommended.plugins?.['mcp-migrate']).toBe(plugin);
    expect(Object.keys(recommended.rules ?? {}).sort()).toEqual(Object.keys(rules).map((id) => `mcp-migrate/${id}`).sort());
    for (const [id, rule] of Object.entries(rules)) {
      expect(recommended.rules?.[`mcp-migrate/${id}`]).toBe(defaultSeverity(docsOf(rule)) === 'error' ? 'error' : 'warn');
    }
  });
});
