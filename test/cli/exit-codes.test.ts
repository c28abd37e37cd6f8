import { describe, expect, it } from 'vitest';
import { jsonReport, mcpSource, runCli, tempProject } from '../helpers/cli.js';

describe('exit codes', () => {
  it('exits 0 when nothing reaches --fail-on', () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.clean, 'src/b.ts': mcpSource.corsWarning });
    expect(runCli(['audit', dir]).status).toBe(0);
  });

  it('exits 1 on an error finding with the default --fail-on error', () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.header });
    expect(runCli(['audit', dir]).status).toBe(1);
  });

  it('exits 1 on a warning only when --fail-on is warning or info', () => {
    const dir = tempProject({ 'src/b.ts': mcpSource.corsWarning });
    expect(runCli(['audit', '--fail-on', 'warning', dir]).status).toBe(1);
    expect(runCli(['audit', '--fail-on', 'info', dir]).status).toBe(1);
    expect(runCli(['audit', '--fail-on', 'error', dir]).status).toBe(0);
  });

  it('exits 0 with --fail-on none whatever it finds', () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.header });
    const run = runCli(['audit', '--fail-on', 'none', '--format', 'json', dir]);
    expect(run.status).toBe(0);
    expect(jsonReport(run).findings.length).toBe(1);
  });

  it('exits 1 when a file could not be audited, even with --fail-on none', () => {
    const dir = tempProject({ 'src/broken.ts': "import '@modelcontextprotocol/sdk';\nconst = ;\n" });
    expect(runCli(['audit', '--fail-on', 'none', dir]).status).toBe(1);
  });

  it('exits 2 on an unknown rule id, naming the valid ones and the closest', () => {
    const run = runCli(['audit', '--rule', 'no-sesion-id-header', '.']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown rule "no-sesion-id-header" (did you mean "no-session-id-header"?)');
    expect(run.stderr).toContain('no-legacy-resource-not-found-code');
    expect(run.stdout).toBe('');
  });

  it('exits 2 on a bad flag value, an unknown flag and a missing path', () => {
    expect(runCli(['audit', '--format', 'xml', '.']).status).toBe(2);
    expect(runCli(['audit', '--fail-on', 'sometimes', '.']).status).toBe(2);
    expect(runCli(['audit', '--jobs', '0', '.']).status).toBe(2);
    expect(runCli(['audit', '--max-file-size', 'big', '.']).status).toBe(2);
    expect(runCli(['audit', '--frobnicate']).status).toBe(2);
    const missing = runCli(['audit', 'no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no/such/dir: no such file or directory');
  });

  it('exits 2 on an invalid configuration, naming the bad key', () => {
    const dir = tempProject({ 'mcp-migrate.config.json': '{ "exlude": ["dist/**"] }', 'a.ts': mcpSource.clean });
    const run = runCli(['audit', '.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('mcp-migrate.config.json: unknown key "exlude" (did you mean "exclude"?)');
  });

  it('exits 0 for --help and --version, and 2 for an unknown command', () => {
    expect(runCli(['--help']).status).toBe(0);
    expect(runCli(['audit', '--help']).status).toBe(0);
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(runCli(['frobnicate']).status).toBe(2);
  });
});
