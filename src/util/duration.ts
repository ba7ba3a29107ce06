import { AuthmateError } from '../errors.js';

/**
 * Go `time.ParseDuration` syntax ("720h", "1h30m", "1.5s", "300ms", "-2m"), as the Go tool's
 * `--lifetime` and `--timeout` flags take it. Returns milliseconds (fractions kept).
 */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** A duration that Go's `time.ParseDuration` would refuse. */
export class DurationError extends AuthmateError {
  constructor(message: string) {
    super('DURATION_INVALID', message);
  }
}

/** Go's longest Duration, 2^63-1 ns, in ms: anything longer overflows there. */
const MAX_DURATION_MS = 9_223_372_036_854.775;

export function parseDuration(text: string): number {
  const s = text.trim();
  let i = 0;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (s.slice(i) === '0') return 0;
  if (i >= s.length) throw new DurationError(`invalid duration "${text}"`);
  let total = 0;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (i < s.length) {
    const m = part.exec(s.slice(i));
    if (!m) {
      const rest = s.slice(i);
      const unit = /^[\d.]+([^\d.]*)/.exec(rest)?.[1];
      throw new DurationError(
        unit !== undefined
          ? `invalid duration "${text}": ${unit ? `unknown unit "${unit}"` : 'missing unit'} (use ns, us, ms, s, m, h)`
          : `invalid duration "${text}"`,
      );
    }
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    i += m[0].length;
    if (!(total <= MAX_DURATION_MS)) throw new DurationError(`invalid duration "${text}": longer than Go's longest, 2562047h47m16.854775807s`);
  }
  return sign * total;
}

/** Formats milliseconds the way Go prints a Duration ("720h0m0s", "1m30s", "250ms"). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) {
    out = `${rest}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const sec = Number((rest / 1000).toFixed(9)).toString();
    out = h ? `${h}h${m}m${sec}s` : m ? `${m}m${sec}s` : `${sec}s`;
  }
  return neg ? `-${out}` : out;
}
