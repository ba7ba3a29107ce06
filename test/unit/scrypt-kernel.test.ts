// The committed WebAssembly kernel (src/crypto/scrypt/kernel-wasm.ts) must be exactly what its
// source (assembly/scrypt-romix.ts) builds to with the pinned AssemblyScript.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KERNEL_WASM_BASE64 } from '../../src/crypto/scrypt/kernel-wasm.js';

describe('scrypt WebAssembly kernel', () => {
  it('the committed binary equals a fresh build of assembly/scrypt-romix.ts', { timeout: 120_000 }, () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const r = spawnSync(process.execPath, ['scripts/build-kernel.mjs', '--print'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(KERNEL_WASM_BASE64);
  });
});
