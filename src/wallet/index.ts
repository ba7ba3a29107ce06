/** NEP-6 wallets, NEP-2 keys, account choice and password sources. */
export * from './nep2.js';
export * from './nep6.js';
export * from './load.js';
