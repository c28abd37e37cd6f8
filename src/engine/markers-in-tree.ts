import { loadConfig } from '../config.js';
import { findMarkers, markerToken } from '../transforms/markers.js';
import { discoverFiles } from './discover.js';
import { readSourceSync } from './read-source.js';
import type { MarkerLocation } from './transform-runner.js';

/**
 * Every marker comment in the files `fix` would read (same discovery, same config), old and new:
 * what a pull request still needs a person for, whichever transform put them there.
 */
export async function markersInTree(cwd: string, paths: readonly string[], config: string | false | undefined): Promise<MarkerLocation[]> {
  const loaded = config === false ? {} : (await loadConfig(cwd, config)).config;
  const discovery = await discoverFiles({ cwd, paths: paths.length > 0 ? paths : ['.'], include: loaded.include ?? [], exclude: loaded.exclude ?? [] });
  const markers: MarkerLocation[] = [];
  for (const file of discovery.files) {
    const read = readSourceSync(file.absolute);
    if (!read.ok || !read.text.includes(markerToken)) continue;
    for (const marker of findMarkers(read.text)) markers.push({ ...marker, file: file.relative });
  }
  return markers;
}
