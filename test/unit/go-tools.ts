/**
 * Our Go cross-check programs (tools/golden-box/*): whether Go is usable, and how to build one
 * with the same module settings as scripts/devnet/install.sh. A missing toolchain skips these
 * checks locally but fails them under CI=true, where .ci/run guarantees Go.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';

export const inCI = process.env.CI === 'true' || process.env.CI === '1';
export const hasGo = process.env.AUTHMATE_SKIP_GO !== '1' && spawnSync('go', ['version']).status === 0;
const cache = process.env.DEVNET_CACHE ?? join(homedir(), '.cache', 'authmate-devnet');

/** Path of a built tool, `$DEVNET_CACHE/bin/golden-box-<name>`. */
export const goToolBin = (name: string): string => join(cache, 'bin', `golden-box-${name}`);

/** Builds tools/golden-box/<name> into `goToolBin(name)` (first build fetches modules through the proxy). */
export function buildGoTool(name: string): string {
  const env = {
    ...process.env,
    GONOSUMDB: 'github.com/nspcc-dev/*',
    GOFLAGS: '-mod=mod',
    GOMODCACHE: join(cache, 'go', 'mod'),
    GOCACHE: join(cache, 'go', 'build'),
  };
  const dir = new URL(`../../tools/golden-box/${name}/`, import.meta.url).pathname;
  execFileSync('go', ['build', '-o', goToolBin(name), '.'], { cwd: dir, env, stdio: 'pipe' });
  return goToolBin(name);
}

/** A test that fails under CI when Go is missing, so the Go checks cannot silently not run there. */
export function requireGoInCI(what: string): void {
  describe.runIf(inCI && !hasGo)('Go toolchain (CI)', () => {
    it('is installed', () => {
      throw new Error(`go not found on PATH: ${what} must run in CI`);
    });
  });
}
