import { describe, expect, it } from 'vitest';
import { lifetimeToEpochs, lifetimeToUnixSeconds } from '../../src/tokens/lifetime.js';

describe('lifetimeToEpochs (neofs-s3-gw v0.41+ TimeToEpoch)', () => {
  it('rounds whole seconds up to epochs', () => {
    // 720h with 240 s epochs = 10800 epochs exactly.
    expect(lifetimeToEpochs(720 * 3600_000, 7n, 240n)).toEqual({ iat: 7n, nbf: 7n, exp: 7n + 10800n });
    expect(lifetimeToEpochs(241_000, 0n, 240n).exp).toBe(2n);
    expect(lifetimeToEpochs(1, 5n, 240n).exp).toBe(5n); // under one second truncates to 0 epochs, as Go
    expect(lifetimeToEpochs(1500, 5n, 1n).exp).toBe(6n);
  });
  it('saturates at 2^64-1', () => {
    expect(lifetimeToEpochs(10_000, 0xffff_ffff_ffff_fffen, 1n).exp).toBe(0xffff_ffff_ffff_ffffn);
  });
  it('rejects a non-positive lifetime and a zero epoch duration', () => {
    expect(() => lifetimeToEpochs(0, 1n, 240n)).toThrow(/greater 0/);
    expect(() => lifetimeToEpochs(-5, 1n, 240n)).toThrow(/greater 0/);
    expect(() => lifetimeToEpochs(1000, 1n, 0n)).toThrow(/epoch duration/);
  });
});

describe('lifetimeToUnixSeconds (session v2)', () => {
  it('backdates iat/nbf by 60 s and measures exp from now-30s', () => {
    const now = 1_700_000_000_500;
    expect(lifetimeToUnixSeconds(3600_000, now)).toEqual({ iat: 1_699_999_940n, nbf: 1_699_999_940n, exp: 1_700_003_570n });
  });
});
