import jscodeshift from 'jscodeshift';
import type { TransformDescriptor } from '../../transforms/index.js';

/** Runs a transform the way jscodeshift does, collecting `api.stats` and `api.report`. */
export async function applyTransform(descriptor: TransformDescriptor, path: string, source: string) {
  const { default: transform } = await descriptor.load();
  const stats: Record<string, number> = {};
  const reports: string[] = [];
  const j = jscodeshift.withParser('ts');
  const result = transform(
    { path, source },
    { j, jscodeshift: j, stats: (name: string, quantity = 1) => void (stats[name] = (stats[name] ?? 0) + quantity), report: (message: string) => void reports.push(message) },
    {},
  );
  return { output: result ?? source, stats, reports };
}
