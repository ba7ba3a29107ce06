/** `authmate-ts/crypto`: P-256 keys, N3 addresses and the NeoFS signature schemes. */
export * from './keys.js';
export * from './signature.js';
