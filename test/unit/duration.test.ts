import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/util/duration.js';

describe('parseDuration (Go time.ParseDuration syntax)', () => {
  it.each([
    ['720h', 720 * 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['300ms', 300],
    ['-2m', -120_000],
    ['0', 0],
    ['1h1m1s1ms', 3_661_001],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    ['', /invalid duration/],
    ['10', /missing unit/],
    ['3d', /unknown unit "d"/],
    ['h', /invalid duration/],
  ])('rejects %j', (text, msg) => expect(() => parseDuration(text)).toThrow(msg));
});

describe('formatDuration (Go Duration.String)', () => {
  it.each([
    [720 * 3_600_000, '720h0m0s'],
    [90_000, '1m30s'],
    [250, '250ms'],
    [0, '0s'],
    [-1500, '-1.5s'],
  ])('%d', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('refuses what overflows Go\'s Duration (2^63-1 ns), with a typed error', () => {
    expect(parseDuration('2562047h')).toBe(2562047 * 3_600_000);
    expect(() => parseDuration('2562048h')).toThrow(DurationError);
    expect(() => parseDuration(`${'9'.repeat(400)}h`)).toThrow(/longer than Go's longest/);
    expect(() => parseDuration('1y')).toThrow(expect.objectContaining({ code: 'DURATION_INVALID' }));
  });
});

describe('parseDuration: typed errors, Go range, linear time', () => {
  it('errors are DurationError; values beyond Go int64 nanoseconds are refused', () => {
    expect(() => parseDuration('3d')).toThrow(DurationError);
    expect(parseDuration('2562047h')).toBe(2562047 * 3_600_000);
    expect(() => parseDuration('2562048h')).toThrow(/longer than Go's longest, 2562047h47m16.854775807s/);
    expect(() => parseDuration('99999999999h')).toThrow(DurationError);
    expect(() => parseDuration(`${'9'.repeat(400)}h`)).toThrow(DurationError);
  });

  it('a 1 MB duration parses quickly, and an error message about it stays short', () => {
    const long = '0s'.repeat(500_000);
    const t = performance.now();
    expect(parseDuration(long)).toBe(0);
    expect(performance.now() - t).toBeLessThan(2000);
    let msg = '';
    try {
      parseDuration(`${long}x`);
    } catch (err) {
      msg = (err as Error).message;
    }
    expect(msg.length).toBeLessThan(200);
  });
});
