// The local network works end to end with the real neofs-cli and a wallet we generated:
// container (REP 1), object put, object get back byte-identical.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devnet } from './devnet.js';

describe('local NeoFS network', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devnet-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the pinned versions with two users and two gateways', () => {
    const net = devnet();
    expect(net.peer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(net.users).toHaveLength(2);
    expect(net.gateways).toHaveLength(2);
    expect(new Set(net.gateways.map((g) => g.publicKey)).size).toBe(2);
    for (const g of net.gateways) expect(g.publicKey).toMatch(/^0[23][0-9a-f]{64}$/);
  });

  it('neofs-cli creates a REP 1 container, puts an object and gets it back byte-identical', async () => {
    const net = devnet();
    const user = net.users[0]!;
    const created = await net.neofsCli(user, ['container', 'create', '--policy', 'REP 1', '--basic-acl', 'private']);
    const cid = /container ID: (\w+)/.exec(created)?.[1];
    expect(cid, created).toBeTruthy();

    const info = await net.neofsCli(user, ['container', 'get', '--cid', cid!]);
    expect(info).toContain(user.address); // owner is our generated wallet

    const payload = randomBytes(200_000);
    writeFileSync(join(dir, 'in.bin'), payload);
    const put = await net.neofsCli(user, ['object', 'put', '--cid', cid!, '--file', join(dir, 'in.bin')]);
    const oid = /OID: (\w+)/.exec(put)?.[1];
    expect(oid, put).toBeTruthy();

    await net.neofsCli(user, ['object', 'get', '--cid', cid!, '--oid', oid!, '--file', join(dir, 'out.bin')]);
    expect(Buffer.compare(readFileSync(join(dir, 'out.bin')), payload)).toBe(0);

    // The other user may not read a private container.
    const other = await net.run('neofs-cli', ['-c', net.cliConfig(net.users[1]!), 'object', 'get', '--cid', cid!, '--oid', oid!, '--file', join(dir, 'denied.bin')]);
    expect(other.code).not.toBe(0);
    expect(other.stdout + other.stderr).toMatch(/access denied|denied/i);
  });

  it('forces epochs on demand', async () => {
    const net = devnet();
    const before = await net.epoch();
    expect(await net.forceNewEpoch()).toBe(before + 1);
  });
});
