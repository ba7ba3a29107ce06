// Bundles the CLI entry (after tsc) into a few files: Node's module loader, not the code, is
// most of `authmate --help`'s start-up time, and yargs alone is ~40 files. The noble hashes and
// ciphers go in too: as ~15 separate ES modules they cost issue-secret 35-50 ms of loading on the
// main thread while the wallet's scrypt needs the cores. Other runtime libraries that handlers
// import lazily stay external and load from node_modules as usual.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

const bundled = (id) => id.startsWith('.') || id.startsWith('/') || /^(yargs|yargs-parser|cliui|y18n|escalade|get-caller-file|string-width|strip-ansi|ansi-regex|ansi-styles|wrap-ansi|get-east-asian-width|bs58|base-x|@noble\/hashes|@noble\/ciphers)(\/|$)/.test(id);

const stringWidthShim = fileURLToPath(new URL('scripts/bundle/string-width.mjs', import.meta.url));

export default defineConfig({
  input: 'scripts/bundle/cli-entry.mjs',
  platform: 'node',
  external: (id) => !bundled(id),
  plugins: [
    {
      // cliui and wrap-ansi get the ASCII fast path (scripts/bundle/string-width.mjs); the shim
      // itself, for other text, loads the real package from node_modules at run time.
      name: 'ascii-string-width',
      resolveId: (id, importer) => (id === 'string-width' && importer !== stringWidthShim ? stringWidthShim : null),
    },
  ],
  output: { dir: 'dist/cli-bundle', format: 'esm', minify: true, entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' },
});
