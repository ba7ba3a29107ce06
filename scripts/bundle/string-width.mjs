// Bundled in place of `string-width` (yargs' help layout measures every cell with it): printable
// ASCII is one column per character, which is all of our help text; anything else goes to the real
// package, loaded on first need. The real one builds an Intl.Segmenter and Unicode-property
// regexes when it loads, ~10 ms that `authmate --help` would pay for nothing.
import { createRequire } from 'node:module';

const ASCII = /^[\x20-\x7e]*$/;
let real;

export default function stringWidth(text, options) {
  if (typeof text === 'string' && ASCII.test(text)) return text.length;
  real ??= createRequire(import.meta.url)('string-width').default;
  return real(text, options);
}
