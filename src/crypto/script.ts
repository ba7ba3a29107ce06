/**
 * The standard N3 single-signature verification script, `PUSHDATA1 <33-byte key> SYSCALL
 * System.Crypto.CheckSig` (40 bytes). Dependency-free, so the CLI's start-up code can use it.
 */

/** `SYSCALL System.Crypto.CheckSig`: opcode 0x41 + the little-endian interop id 0x27b3e756. */
export const CHECKSIG_SYSCALL = Uint8Array.of(0x41, 0x56, 0xe7, 0xb3, 0x27);
/** `PUSHDATA1 33`: pushes the compressed public key. */
export const PUSH_KEY = Uint8Array.of(0x0c, 0x21);

/** Whether `script` is a standard single-signature verification script (any 33-byte key). */
export function isSignatureScript(script: Uint8Array): boolean {
  return (
    script.length === 40 &&
    script[0] === PUSH_KEY[0] &&
    script[1] === PUSH_KEY[1] &&
    CHECKSIG_SYSCALL.every((b, i) => script[35 + i] === b)
  );
}
