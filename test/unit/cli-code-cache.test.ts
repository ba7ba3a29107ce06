// The CLI bundle runs through a V8 code cache made by `npm run build` (bin/load-cli.mjs,
// scripts/bundle/make-code-cache.mjs): the cache must be accepted by the Node that built it (else
// it is dead weight), and a missing or foreign cache must only mean compiling as usual.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';

/** Loads the bundle in a fresh process with `cacheFile` and runs `--version`. */
function versionWith(cacheFile: string | null) {
  const script = `
    const { loadCli } = await import(${JSON.stringify(join(ROOT, 'bin/load-cli.mjs'))});
    const cli = loadCli({ cacheFile: ${JSON.stringify(cacheFile)} });
    process.stderr.write(JSON.stringify({ rejected: cli.cacheRejected }));
    process.exitCode = await cli.main(['--version']);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, rejected: (JSON.parse(r.stderr) as { rejected: boolean }).rejected };
}

describe('CLI code cache', () => {
  it('the cache the build made is accepted by this Node, and the CLI runs', () => {
    const r = versionWith(join(ROOT, 'dist/cli-bundle/cli.cjs.cache'));
    expect(r).toMatchObject({ code: 0, rejected: false });
    expect(r.stdout).toMatch(/^NeoFS S3 Authmate \(TypeScript\)\nVersion: \d+\.\d+\.\d+/);
  });

  it('no cache, or one V8 rejects: the same output', () => {
    const garbage = join(mkdtempSync(join(tmpdir(), 'authmate-cache-')), 'garbage.cache');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    const plain = versionWith(null);
    const rejected = versionWith(garbage);
    expect(plain).toMatchObject({ code: 0, rejected: false });
    expect(rejected).toMatchObject({ code: 0, rejected: true });
    expect(rejected.stdout).toBe(plain.stdout);
    expect(plain.stdout).toBe(versionWith(join(ROOT, 'dist/cli-bundle/cli.cjs.cache')).stdout);
  });
});
