// The bundle's entry (bin/authmate.js imports it as dist/cli-bundle/main.js). ESM compiles a
// module's whole static import graph before running any of it, so with yargs and the commands
// imported statically the early scrypt prefetch (src/cli/early.ts) would wait for all of that to
// compile. Here only early.ts and what it needs are static; the CLI proper is compiled and loaded
// while the prefetch's workers already run.
import '../../dist/cli/early.js';

/** Runs the CLI with `argv` (without node and script) and returns the process exit code. */
export async function main(argv) {
  const cli = await import('../../dist/cli/main.js');
  return cli.main(argv);
}
