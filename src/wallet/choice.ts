/**
 * neo-go's default account rule (`GetChangeAddress`), shared by the wallet and the CLI's
 * start-up code: the first account with a standard signature contract, unless a later such
 * account is marked `isDefault` (the first of those wins). Dependency-free.
 */
export function chooseDefaultAccount<A extends { isDefault?: unknown }>(
  accounts: readonly A[],
  isStandard: (account: A) => boolean,
): A | undefined {
  let chosen: A | undefined;
  for (const a of accounts) {
    if (chosen && a.isDefault !== true) continue;
    if (isStandard(a)) {
      chosen = a;
      if (a.isDefault === true) break;
    }
  }
  return chosen;
}
