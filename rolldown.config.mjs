// Bundles the CLI entry (after tsc) into a few files: Node's module loader, not the code, is
// most of `authmate --help`'s start-up time, and yargs alone is ~40 files. Runtime libraries
// that handlers import lazily stay external and load from node_modules as usual.
import { defineConfig } from 'rolldown';

const bundled = (id) => id.startsWith('.') || id.startsWith('/') || /^(yargs|yargs-parser|cliui|y18n|escalade|get-caller-file|string-width|strip-ansi|ansi-regex|ansi-styles|wrap-ansi|emoji-regex|get-east-asian-width|bs58|base-x)(\/|$)/.test(id);

export default defineConfig({
  input: 'dist/cli/main.js',
  platform: 'node',
  external: (id) => !bundled(id),
  output: { dir: 'dist/cli-bundle', format: 'esm', minify: true, entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' },
});
