/**
 * Writes src/engine/rule-catalog.generated.ts from the built rules (`npm run catalog`, which builds first): the
 * metadata the engine reads without loading the rule modules.
 */
import { writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const { rules } = await import(new URL('dist/rules/index.js', root).href);
const { renderRuleCatalog } = await import(new URL('dist/src/engine/rule-catalog.js', root).href);
writeFileSync(new URL('src/engine/rule-catalog.generated.ts', root), renderRuleCatalog(rules));
process.stdout.write(`wrote src/engine/rule-catalog.generated.ts (${Object.keys(rules).length} rules)\n`);
