/**
 * Which runs the early scrypt prefetch (early.ts) can serve: issue-secret, obtain-secret and
 * wallet check. Dependency-free, so that the CLI bundle's entry asks it before loading anything.
 */

/** The arguments after the command word(s) if `argv` runs such a command, else undefined. */
export function prefetchableArgs(argv: readonly string[]): readonly string[] | undefined {
  const [command, ...rest] = argv;
  if (command === 'issue-secret' || command === 'obtain-secret') return rest;
  if (command === 'wallet' && rest[0] === 'check') return rest.slice(1);
  return undefined;
}
