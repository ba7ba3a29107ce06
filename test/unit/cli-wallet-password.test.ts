/** The terminal password prompt, driven through fake TTY streams (inquirer reads keypresses). */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { newWalletPassword, terminalPrompt, type PromptStreams } from '../../src/cli/password.js';

function fakeTerminal(lines: string[]): PromptStreams & { shown: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input }) as PassThrough & { isTTY: boolean };
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d) => (shown += d.toString()));
  // Type the first answer once the first prompt is on screen, each further one 150 ms later
  // (inquirer draws a later prompt on this fake stream only when input arrives).
  let next = 0;
  let last = 0;
  const timer = setInterval(() => {
    if (next < lines.length && shown.includes('Enter password for') && Date.now() - last > 150) {
      input.write(`${lines[next++]}\r`);
      last = Date.now();
    }
    if (next >= lines.length) clearInterval(timer);
  }, 20);
  return { input, output, shown: () => shown };
}

describe('password prompt', () => {
  it('asks "Enter password for <file> >" on the given output and hides the input', async () => {
    const term = fakeTerminal(['s3cret']);
    const password = await terminalPrompt('AUTHMATE_WALLET_PASSPHRASE', term)('/tmp/w.json');
    expect(password).toBe('s3cret');
    expect(term.shown()).toContain('Enter password for /tmp/w.json >');
    expect(term.shown()).not.toContain('s3cret');
  });

  it('fails at once when the input is not a terminal, naming the variable', async () => {
    const streams = { input: new PassThrough(), output: new PassThrough() };
    await expect(terminalPrompt('AUTHMATE_WALLET_GATE_PASSPHRASE', streams)('/tmp/gate.json')).rejects.toThrow(
      /no password for wallet \/tmp\/gate\.json: AUTHMATE_WALLET_GATE_PASSPHRASE is not set and stdin is not a terminal/,
    );
  });

  it('new wallet: the variable wins (empty included); otherwise asks twice and compares', async () => {
    expect(await newWalletPassword('w', 'V', { V: '' }, { input: new PassThrough(), output: new PassThrough() })).toBe('');
    expect(await newWalletPassword('w', 'V', {}, fakeTerminal(['same', 'same']))).toBe('same');
    await expect(newWalletPassword('w', 'V', {}, fakeTerminal(['one', 'two']))).rejects.toThrow('the entered passwords do not match');
  });
});
