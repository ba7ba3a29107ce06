/** `authmate-ts/box`: AccessBoxes of every gateway generation (g1–g4) and their per-gate encryption. */
export * from './accessbox.js';
export * from './box.js';
export * from './crypto.js';
export * from './inspect.js';
