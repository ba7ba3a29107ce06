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

/** A text that is not a Go duration, or one beyond Go's range (2^63-1 ns ≈ 2562047h47m). */
export class DurationError extends AuthmateError {
  constructor(message: string) {
    super('DURATION_INVALID', message);
  }
}

/** Go's time.Duration is an int64 of nanoseconds; ParseDuration refuses anything larger. */
const MAX_DURATION_NS = 9_223_372_036_854_775_807;

/** The input as messages show it: a flag value may be megabytes long. */
const shown = (text: string): string => (text.length > 64 ? `${text.slice(0, 64)}…` : text);

export function parseDuration(text: string): number {
  const s = text.trim();
  let i = 0;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (s.slice(i) === '0') return 0;
  if (i >= s.length) throw new DurationError(`invalid duration "${shown(text)}"`);
  let total = 0;
  // Sticky: each part is matched where the last one ended (slicing per part was quadratic).
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  while (i < s.length) {
    part.lastIndex = i;
    const m = part.exec(s);
    if (!m) {
      const rest = s.slice(i, i + 64);
      const unit = /^[\d.]+([^\d.]*)/.exec(rest)?.[1];
      throw new DurationError(
        unit !== undefined
          ? `invalid duration "${shown(text)}": ${unit ? `unknown unit "${unit}"` : 'missing unit'} (use ns, us, ms, s, m, h)`
          : `invalid duration "${shown(text)}"`,
      );
    }
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    if (!(total * 1e6 <= MAX_DURATION_NS)) {
      throw new DurationError(`invalid duration "${shown(text)}": longer than Go's longest, 2562047h47m16.854775807s`);
    }
    i = part.lastIndex;
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
