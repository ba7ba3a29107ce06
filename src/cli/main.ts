import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { CliError, COMMON_FAILURES, ExitCode, toCliError } from './base/failures.js';
import { commands } from './commands/index.js';

/** The package's version, from package.json (two folders up from src/cli, dist/cli and dist/cli-bundle alike). */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The part of yargs' internals touched below (yargs 18: lib/usage.js). */
interface YargsInternals {
  getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } };
}

/** Runs the CLI with `argv` (without node and script) and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let failure: { message: string; code: number } | undefined;
  const cli = yargs(argv)
    .scriptName('authmate')
    .usage('NeoFS S3 Authmate (TypeScript)\n\nUsage: $0 [global options] <command> [options]')
    .option('timeout', {
      type: 'string',
      nargs: 1, // a Go duration may start with '-': "-1s" is a value, not flags

      default: '1m',
      describe: 'Deadline for the network part of a command (Go duration: 30s, 2m, 1h)',
      global: true,
    })
    .option('debug', { type: 'boolean', default: false, describe: 'Print debug messages to stderr', global: true })
    .option('with-log', {
      type: 'boolean',
      default: false,
      describe: 'Accepted for compatibility with the Go tool; logs always go to stderr',
      global: true,
    })
    .command(commands)
    .demandCommand(1, 'Specify a command')
    .strict()
    .version(`NeoFS S3 Authmate (TypeScript)\nVersion: ${packageVersion()}\nNode: ${process.version}`)
    .alias('h', 'help')
    .alias('v', 'version')
    .wrap(Math.min(110, process.stdout.columns || 110))
    .exitProcess(false)
    .fail((msg, err) => {
      const e = err ? toCliError(err, COMMON_FAILURES) : new CliError(`error: ${msg}`, ExitCode.Usage);
      failure = { message: e.message, code: e.exitCode };
      throw err ?? new Error(msg);
    });
  // yargs renders the whole help text before every command's handler, in case the command fails
  // and help is shown; our failures print their own message, never the help, so skip it: tens of
  // ms on the main thread just when the wallet's scrypt needs every core.
  (cli as unknown as YargsInternals).getInternalMethods().getUsageInstance().cacheHelpMessage = () => {};
  try {
    await cli.parseAsync();
  } catch (err) {
    if (!failure) {
      const e = toCliError(err, COMMON_FAILURES);
      failure = { message: e.message, code: e.exitCode };
    }
  }
  if (failure) {
    process.stderr.write(`${failure.message}\n`);
    return failure.code;
  }
  return 0;
}
