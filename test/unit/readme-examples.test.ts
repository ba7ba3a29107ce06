// The README shows the library examples verbatim (the e2e suite runs the networked one); the
// offline one runs here, through the package's own name (the built dist, as a user imports it).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README library examples', () => {
  for (const file of ['examples/issue-obtain.mjs', 'examples/plan-offline.mjs', 'examples/batch-inspect-revoke.mjs']) {
    it(`${file} appears in the README as it is`, () => {
      expect(readme).toContain(`\`\`\`js\n${readFileSync(join(ROOT, file), 'utf8')}\`\`\``);
    });
  }

  it('examples/plan-offline.mjs runs: a typed input error, then issue and obtain in memory', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'examples/plan-offline.mjs')], { timeout: 30_000 });
    const [err, done] = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(err).toEqual({ code: 'GATE_KEY_INVALID', field: 'gatePublicKeys', position: '1' });
    expect(done).toEqual({ format: 'g3', same: true, writes: ['networkInfo', 'netmapSnapshot', 'containerPut', 'objectPut', 'objectGet'] });
  });

  it('examples/batch-inspect-revoke.mjs runs: a batch with one bad item, the preset\'s verbs, then the box is gone', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'examples/batch-inspect-revoke.mjs')], { timeout: 30_000 });
    const [batch, report, after] = stdout.trim().split('\n');
    expect(JSON.parse(batch!)).toEqual(['ok', 'GATE_KEY_INVALID', 'ok']);
    expect(JSON.parse(report!)).toEqual({ format: 'g4', valid: true, verbs: ['OBJECT_GET', 'OBJECT_HEAD', 'OBJECT_SEARCH', 'OBJECT_RANGE'] });
    expect(after).toBe('OBJECT_NOT_FOUND');
  });
});
