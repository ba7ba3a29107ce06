// The CLI bundle's entry: rolldown makes it, with everything it imports except three lazily
// loaded packages, into one CommonJS file (dist/cli-bundle/cli.cjs) that bin/load-cli.mjs runs
// through a V8 code cache (see there). Only the commands that can prefetch the wallet's scrypt
// (src/cli/prefetch-commands.ts) initialise early.ts, and first, so its workers start before
// yargs and the command run; `--help` and the others skip it.
import { prefetchableArgs } from '../../dist/cli/prefetch-commands.js';

/** Runs the CLI with `argv` (without node and script) and returns the process exit code. */
export async function main(argv) {
  if (prefetchableArgs(argv) !== undefined) await import('../../dist/cli/early.js');
  const cli = await import('../../dist/cli/main.js');
  return cli.main(argv);
}
