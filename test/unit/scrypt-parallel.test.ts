// src/crypto/scrypt/parallel.ts: scrypt with its lanes on worker threads (WebAssembly kernel) must
// give exactly node:crypto's output, survive a worker's loss and never hold the process open.
import { randomBytes, randomInt, scryptSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { scryptParallel, scryptWorkerCount, startScrypt, terminateScryptWorkers } from '../../src/crypto/scrypt/parallel.js';

const node = (pw: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number): Buffer =>
  scryptSync(pw, salt, dkLen, { N, r, p, maxmem: 2 ** 30 });

afterAll(() => terminateScryptWorkers());

describe('parallel scrypt', () => {
  // RFC 7914 §12 (the fourth vector, N = 2^20, needs 1 GiB and is left to the bench).
  const rfc: [string, string, number, number, number, string][] = [
    ['', '', 16, 1, 1, '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906'],
    ['password', 'NaCl', 1024, 8, 16, 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640'],
    ['pleaseletmein', 'SodiumChloride', 16384, 8, 1, '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887'],
  ];
  for (const [pw, salt, N, r, p, want] of rfc) {
    it(`RFC 7914 vector N=${N} r=${r} p=${p}, on 1 to 3 threads`, async () => {
      for (const threads of [1, 2, 3]) {
        const got = await scryptParallel(Buffer.from(pw), Buffer.from(salt), N, r, p, 64, { threads });
        expect(got.toString('hex')).toBe(want);
      }
    });
  }

  it('equals node:crypto scrypt for 1,200 random (password, salt, N, r, p, length, threads)', async () => {
    let mismatches = 0;
    for (let i = 0; i < 1200; i++) {
      const pw = randomBytes(randomInt(0, 48));
      const salt = randomBytes(randomInt(0, 48));
      const N = 2 ** randomInt(1, 7);
      const r = randomInt(1, 5);
      const p = randomInt(1, 6);
      const dkLen = randomInt(1, 130);
      const threads = randomInt(1, 4);
      const got = await scryptParallel(pw, salt, N, r, p, dkLen, { threads });
      if (!got.equals(node(pw, salt, N, r, p, dkLen))) {
        mismatches++;
        if (mismatches === 1) expect({ pw: pw.toString('hex'), salt: salt.toString('hex'), N, r, p, dkLen, threads }).toBe('equal to node:crypto');
      }
    }
    expect(mismatches).toBe(0);
  });

  it('a lane memory bound smaller than two lanes runs one lane at a time, same output', async () => {
    const got = await scryptParallel(Buffer.from('pw'), Buffer.from('salt'), 1024, 8, 4, 64, { threads: 4, maxMemory: 128 * 8 * 1024 });
    expect(got.equals(node(Buffer.from('pw'), Buffer.from('salt'), 1024, 8, 4, 64))).toBe(true);
  });

  it('a prefetch started before anyone waits gives the same output, taken later', async () => {
    const job = startScrypt(Buffer.from('früh'), Buffer.from('salt'), 2048, 8, 6, 64, { threads: 3 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await job.result()).equals(node(Buffer.from('früh'), Buffer.from('salt'), 2048, 8, 6, 64))).toBe(true);
    await expect(job.result()).rejects.toThrow(/already taken/);
  });

  it('lost workers: the run is redone with node:crypto and the logger says why', async () => {
    await terminateScryptWorkers();
    const messages: string[] = [];
    const job = startScrypt(Buffer.from('pw'), Buffer.from('NaCl'), 4096, 8, 4, 64, { threads: 3, logger: (m) => messages.push(m) });
    expect(scryptWorkerCount()).toBe(2); // the caller's thread is the third
    await terminateScryptWorkers(); // before they could have run anything
    const got = await job.result();
    expect(got.equals(node(Buffer.from('pw'), Buffer.from('NaCl'), 4096, 8, 4, 64))).toBe(true);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/parallel scrypt failed \(scrypt worker exited with code \d+\); using node:crypto scrypt/);
    expect(scryptWorkerCount()).toBe(0);
  });

  it('workers never keep the process alive: a pending run adds no ref\'d handle', async () => {
    const handles = (): string[] => process.getActiveResourcesInfo().filter((h) => h !== 'TTYWrap' && h !== 'Timeout');
    const before = handles();
    const job = startScrypt(Buffer.from('pw'), Buffer.from('salt'), 16384, 8, 4, 64, { threads: 2 });
    expect(scryptWorkerCount()).toBeGreaterThan(0);
    expect(handles()).toEqual(before);
    job.cancel();
  });
});
