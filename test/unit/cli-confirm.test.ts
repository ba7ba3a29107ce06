/** revoke's confirmation: the yes/no prompt on fake TTY streams, and the library's confirm hook. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MemoryNetwork, issueSecret, revokeAccessBox } from '../../src/authmate/index.js';
import { askYesNo, canAsk } from '../../src/cli/confirm.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { randomScalar } from '../../src/crypto/p256-native.js';

function fakeTerminal(answer: string) {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input }) as PassThrough & { isTTY: boolean };
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d) => (shown += d.toString()));
  const timer = setInterval(() => {
    if (shown.includes('Delete?')) {
      input.write(`${answer}\r`);
      clearInterval(timer);
    }
  }, 20);
  return { input, output, shown: () => shown };
}

describe('askYesNo', () => {
  it.each([
    ['y', true],
    ['n', false],
    ['', false], // the default is no
  ])('answer %j -> %s, asked on the given output', async (answer, expected) => {
    const term = fakeTerminal(answer);
    expect(await askYesNo('Delete?', term)).toBe(expected);
    expect(term.shown()).toContain('Delete?');
  });

  it('canAsk is false without a terminal', () => {
    expect(canAsk({ input: new PassThrough(), output: new PassThrough() })).toBe(false);
    expect(canAsk(fakeTerminal('n'))).toBe(true);
  });
});

describe('revokeAccessBox confirm hook', () => {
  it('is asked after the checks with the box facts; no means nothing is deleted', async () => {
    const user = randomScalar();
    const net = new MemoryNetwork();
    const creds = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [publicKeyFromPrivate(randomScalar())], format: 'g4' });
    const asked: unknown[] = [];
    await expect(
      revokeAccessBox({ store: net.as(user), userPrivateKey: user, accessKeyId: creds.accessKeyId, confirm: (box) => (asked.push(box), false) }),
    ).rejects.toMatchObject({ code: 'REVOKE_CANCELLED' });
    expect(asked).toEqual([{ accessKeyId: creds.accessKeyId, owner: expect.stringMatching(/^N/), format: 'g4', payloadBytes: expect.any(Number) }]);
    expect(net.calls).not.toContain('objectDelete');
    await revokeAccessBox({ store: net.as(user), userPrivateKey: user, accessKeyId: creds.accessKeyId, confirm: async () => true });
    expect(net.calls.at(-1)).toBe('objectDelete');
  });
});
