// The bundle's entry (bin/authmate.js imports it as dist/cli-bundle/main.js). ESM compiles a
// module's whole static import graph before running any of it, so with yargs and the commands
// imported statically the early scrypt prefetch (src/cli/early.ts) would wait for all of that to
// compile. Here only early.ts and what it needs load first, and only for the commands that can
// prefetch (the first-word test of its prefetchFromArgv): `--help` and the other commands skip
// it. The CLI proper is compiled and loaded while the prefetch's workers already run.
const [command, sub] = process.argv.slice(2);
if (command === 'issue-secret' || command === 'obtain-secret' || (command === 'wallet' && sub === 'check')) {
  await import('../../dist/cli/early.js');
}

/** Runs the CLI with `argv` (without node and script) and returns the process exit code. */
export async function main(argv) {
  const cli = await import('../../dist/cli/main.js');
  return cli.main(argv);
}
