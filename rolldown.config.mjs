// Bundles the CLI entry (after tsc) into one CommonJS file, which bin/load-cli.mjs runs with a V8
// code cache: module loading and compiling, not the code, were most of the CLI's start-up, and
// yargs alone is ~40 files. The noble hashes and ciphers go in too: as ~15 separate ES modules they
// cost issue-secret 35-50 ms of loading on the main thread while the wallet's scrypt needs the
// cores. The packages handlers load lazily (inquirer, the AWS SDK) stay outside.
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
      // The packages loaded lazily (inquirer, the AWS SDK) stay outside the bundle and are imported
      // by bin/load-cli.mjs, a real ES module, through the function it passes in: an import()
      // inside a vm-compiled script needs an experimental Node hook (it warns) that functions
      // restored from the code cache lose. make-code-cache.mjs fails the build if one remains.
      name: 'external-dynamic-imports',
      renderChunk: (code) => code.replace(/\bimport\((['"`])([^'"`./][^'"`]*)\1\)/g, '__authmate_import($1$2$1)'),
    },
    {
      // cliui and wrap-ansi get the ASCII fast path (scripts/bundle/string-width.mjs); the shim
      // itself, for other text, loads the real package from node_modules at run time.
      name: 'ascii-string-width',
      resolveId: (id, importer) => (id === 'string-width' && importer !== stringWidthShim ? stringWidthShim : null),
    },
  ],
  // import.meta.url (the package version's path, createRequire in yargs and the string-width shim)
  // becomes the bundle's file URL, which the loader passes in under a name no bundled code uses.
  // The rest of import.meta is yargs' import.meta.resolve, for a config file's "extends": unused.
  transform: { define: { 'import.meta.url': '__authmate_bundle_url', 'import.meta': '{}' } },
  output: { file: 'dist/cli-bundle/cli.cjs', format: 'cjs', minify: true, codeSplitting: false },
});
