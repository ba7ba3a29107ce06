// The README's library examples (examples/*.mjs, included in the README verbatim), run as users
// run them: a Node process importing the package by name, against the local network.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAccessKeyId } from '../../src/authmate/obtain.js';
import { devnet } from './devnet.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe('library API (README examples)', () => {
  it('examples/issue-obtain.mjs: issueSecret then obtainSecret through the node', async () => {
    const net = devnet();
    const u = net.users[0]!;
    const gate = net.gateways[0]!;
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'examples/issue-obtain.mjs')], {
      env: {
        ...process.env,
        PEER: net.peer,
        USER_WALLET: u.path,
        GATE_WALLET: gate.walletPath,
        AUTHMATE_WALLET_PASSPHRASE: u.password,
        AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword,
      },
      timeout: 120_000,
    });
    const out = JSON.parse(stdout) as { accessKeyId: string; same: boolean; format: string };
    expect(out).toMatchObject({ same: true, format: 'g4' });
    expect(() => parseAccessKeyId(out.accessKeyId)).not.toThrow();
    expect(stderr).toMatch(/^creating container \w+ and waiting/m);
    expect(stderr).toMatch(/storing the access box in container \w+\n$/);
  });
});
