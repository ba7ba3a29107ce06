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
  it('the caches the build made (full and help) are accepted by this Node, and the CLI runs', () => {
    for (const cache of ['cli.cjs.cache', 'cli.cjs.help.cache']) {
      const r = versionWith(join(ROOT, 'dist/cli-bundle', cache));
      expect(r, cache).toMatchObject({ code: 0, rejected: false });
      expect(r.stdout).toMatch(/^NeoFS S3 Authmate \(TypeScript\)\nVersion: \d+\.\d+\.\d+/);
    }
  });

  it('the help, the version and no command take the help cache; commands the full one', async () => {
    const { CODE_CACHE, HELP_CODE_CACHE, codeCacheFor } = (await import(join(ROOT, 'bin/load-cli.mjs'))) as {
      CODE_CACHE: string;
      HELP_CODE_CACHE: string;
      codeCacheFor: (argv: string[]) => string;
    };
    for (const argv of [[], ['--help'], ['-h'], ['issue-secret', '--help'], ['--version'], ['-v']]) expect(codeCacheFor(argv), argv.join(' ')).toBe(HELP_CODE_CACHE);
    for (const argv of [['issue-secret', '--wallet', 'w.json'], ['obtain-secret'], ['wallet', 'check']]) expect(codeCacheFor(argv), argv.join(' ')).toBe(CODE_CACHE);
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
