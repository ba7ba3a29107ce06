/** `authmate-ts/neofs`: the NeoFS API client, its entities (one module each) and its typed errors. */
export * from './client.js';
export * from './container.js';
export * from './netmap.js';
export * from './object.js';
export * from './refs.js';
export * from './status.js';
export { type Decimal } from './session.js';
export { keySigner, type Signer, type XHeader, type RequestMetaExtras } from './signing.js';
export { parseEndpoint, type Endpoint } from './transport.js';
export { tzHash } from './tz.js';
