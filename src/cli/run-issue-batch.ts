/**
 * issue-secret --batch FILE: one credential per JSON line. Each line is an object keyed by the
 * issue-secret flag names; its keys are merged over the command line's flags (the defaults) and
 * turned into an `IssueInput` exactly as single runs do (`inputFromArgs`). The wallet is decrypted
 * once, one connection serves every line, and `issueSecrets` writes with bounded concurrency.
 * Out: one JSON line per credential, in input order, `{"line": n, ...}`; the exit code is 0 if
 * every line succeeded, else that of the first failed line.
 */
import { issuePreparedSecrets, type BatchItemResult } from '../authmate/batch.js';
import { prepareIssue, type PreparedIssue } from '../authmate/issue.js';
import { AuthmateError, InvalidOptionError } from '../errors.js';
import { FILE_LIMITS, readBoundedFile } from '../util/files.js';
import type { IssueSecretArgs } from './base/args.js';
import { durationFlag, makeContext } from './base/context.js';
import { CliError, ExitCode, toCliError } from './base/failures.js';
import { boxFormat, failuresFor, inputFromArgs, openWalletAndDial, resultFields } from './run-issue.js';

/** Most credentials in one batch (non-empty lines). */
export const BATCH_MAX_LINES = 10_000;

type KeyType = 'string' | 'strings' | 'boolean';

/** Keys a line may set: the flags of one credential (not the wallet, peer, output or batch flags). */
const LINE_KEYS: Readonly<Record<string, KeyType>> = {
  'gate-public-key': 'strings',
  'bearer-rules': 'string',
  'session-tokens': 'string',
  'session-token': 'string', // the flag's alias
  'session-rules': 'string',
  'create-session-token': 'boolean',
  'container-id': 'string',
  'container-friendly-name': 'string',
  'container-placement-policy': 'string',
  'basic-acl': 'string',
  lifetime: 'string',
  'container-policy': 'string',
  'box-format': 'string',
  preset: 'string',
  bucket: 'string',
};

const BOX_FORMATS = ['g1', 'g2', 'g3', 'g4'];

/** A malformed line (not JSON, not an object, unknown key, wrong type): exit 100 for that line. */
function lineError(line: number, message: string, key?: string): InvalidOptionError {
  return new InvalidOptionError('BATCH_LINE_INVALID', 'batch', `--batch line ${line}: ${message}`, { position: key === undefined ? String(line) : `${line}:${key}` });
}

/** The command line's flags with one line's keys over them, checked like yargs checks the flags. */
export function lineArgs(base: IssueSecretArgs, text: string, line: number): IssueSecretArgs {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw lineError(line, `not JSON: ${(err as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw lineError(line, `expected an object of issue-secret flags like {"gate-public-key": ["03…"], "preset": "read-only"}, got ${Array.isArray(json) ? 'an array' : JSON.stringify(json)}`);
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(json)) {
    const type = Object.hasOwn(LINE_KEYS, key) ? LINE_KEYS[key] : undefined;
    if (type === undefined) throw lineError(line, `unknown key ${JSON.stringify(key)} (a line may set: ${Object.keys(LINE_KEYS).join(', ')})`, key);
    const ok =
      type === 'boolean'
        ? typeof value === 'boolean'
        : type === 'string'
          ? typeof value === 'string'
          : typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok) {
      const want = type === 'strings' ? 'a string or an array of strings' : `a ${type}`;
      throw lineError(line, `${JSON.stringify(key)} must be ${want}, got ${JSON.stringify(value)}`, key);
    }
    if (key === 'box-format' && !BOX_FORMATS.includes(value as string)) {
      throw lineError(line, `"box-format" must be one of ${BOX_FORMATS.join(', ')}, got ${JSON.stringify(value)}`, key);
    }
    merged[key === 'session-token' ? 'session-tokens' : key] = type === 'strings' && typeof value === 'string' ? [value] : value;
  }
  return merged as unknown as IssueSecretArgs;
}

/** Reads the batch file with its limits; returns the non-empty lines with their 1-based numbers. */
async function readBatchFile(path: string): Promise<{ line: number; text: string }[]> {
  let data: Buffer;
  try {
    data = await readBoundedFile(path, { maxBytes: FILE_LIMITS.batch, what: 'batch file', allowFifo: true });
  } catch (err) {
    throw new CliError(`--batch: ${(err as Error).message}`, ExitCode.Usage, { cause: err });
  }
  const lines = data
    .toString('utf8')
    .split('\n')
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((l) => l.text !== '');
  if (lines.length === 0) throw new CliError(`--batch ${path}: no credentials (the file has no non-empty line)`, ExitCode.Usage);
  if (lines.length > BATCH_MAX_LINES) throw new CliError(`--batch ${path}: ${lines.length} lines is more than the limit of ${BATCH_MAX_LINES}`, ExitCode.Usage);
  return lines;
}

interface Line {
  line: number;
  args?: IssueSecretArgs;
  prepared?: PreparedIssue;
  /** A failure of the local checks (the line itself, a flag's syntax, the library's checks). */
  error?: unknown;
}

export async function runIssueBatch(args: IssueSecretArgs, file: string): Promise<void> {
  const ctx = makeContext(args);
  for (const f of ['aws-cli-credentials', 'profile'] as const) {
    if (args[f] !== undefined) throw new CliError(`--${f} is not used with --batch (each line prints its credentials on stdout)`, ExitCode.Usage);
  }
  const concurrency = args['batch-concurrency'];
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new CliError(`--batch-concurrency must be an integer from 1 to 64, got ${concurrency}`, ExitCode.Usage);
  }
  const pollMs = Math.max(50, durationFlag('container-ops-poll-interval', args['container-ops-poll-interval'], ExitCode.Usage));
  const lines: Line[] = (await readBatchFile(file)).map(({ line, text }) => {
    try {
      const la = lineArgs(args, text, line);
      const { format, notice } = boxFormat(la);
      if (notice) ctx.log(`line ${line}: ${notice}`);
      try {
        return { line, args: la, prepared: prepareIssue(inputFromArgs(la, (m) => ctx.log(`line ${line}: ${m}`), format)) };
      } catch (error) {
        return { line, args: la, error };
      }
    } catch (error) {
      return { line, error };
    }
  });

  // Lines come out in input order as soon as every earlier line is done.
  const out: (BatchItemResult | undefined)[] = new Array(lines.length);
  let flushed = 0;
  let exitCode = 0;
  const flush = (): void => {
    while (flushed < lines.length && out[flushed] !== undefined) {
      const r = out[flushed]!;
      const l = lines[flushed]!;
      if (r.ok) {
        process.stdout.write(`${JSON.stringify({ line: l.line, ...resultFields(r.result) })}\n`);
      } else {
        const e = toCliError(r.error, l.args ? failuresFor(l.args) : failuresFor(args));
        const code = r.error instanceof AuthmateError ? r.error.code : null;
        if (exitCode === 0 && code !== 'BATCH_SKIPPED') exitCode = e.exitCode;
        process.stdout.write(`${JSON.stringify({ line: l.line, error: e.message, code, exit_code: e.exitCode })}\n`);
      }
      flushed++;
    }
  };
  const record = (i: number, r: BatchItemResult): void => {
    out[i] = { ...r, index: i };
    flush();
  };

  const bad = lines.findIndex((l) => l.error !== undefined);
  const runnable = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.prepared !== undefined);
  if (args['fail-fast'] && bad !== -1) {
    // Every line is checked before anything is written: with --fail-fast a bad line stops all.
    lines.forEach((l, i) =>
      record(i, { index: i, ok: false, error: l.error ?? new AuthmateError('BATCH_SKIPPED', `not issued: line ${lines[bad]!.line} failed first and --fail-fast is set`) }),
    );
  } else {
    lines.forEach((l, i) => l.error !== undefined && (out[i] = { index: i, ok: false, error: l.error }));
    flush();
    if (runnable.length > 0) {
      const { store, userPrivateKey } = await openWalletAndDial(args, ctx, failuresFor(args));
      try {
        await issuePreparedSecrets(
          runnable.map(({ l }) => l.prepared!),
          {
            store,
            userPrivateKey,
            concurrency,
            failFast: args['fail-fast'],
            timeoutMs: ctx.timeoutMs,
            pollIntervalMs: pollMs,
            onProgress: (r) => record(runnable[r.index]!.i, r),
          },
        ).catch((err: unknown) => {
          throw toCliError(err, failuresFor(args));
        });
      } finally {
        store.close();
      }
    }
  }
  if (exitCode !== 0) throw new CliError(`issue-secret --batch: ${lines.length - lines.filter((_, i) => out[i]?.ok).length} of ${lines.length} lines failed`, exitCode as CliError['exitCode']);
}
