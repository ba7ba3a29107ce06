// Loads the CLI bundle (dist/cli-bundle/cli.cjs, one CommonJS file) the way Node loads a CommonJS
// module, but compiled with the V8 code cache that `npm run build` made next to it
// (scripts/bundle/make-code-cache.mjs): V8 then skips parsing and compiling the functions a
// typical run needs, which on Node 20 (no module compile cache) is most of the CLI's start-up
// after Node's own. A missing cache, or one V8 rejects (another Node version or V8 flags), only
// means compiling as usual. The packages the bundle loads lazily (inquirer, the AWS SDK) are
// imported here, through the function passed in (see rolldown.config.mjs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/cli-bundle/cli.cjs', import.meta.url));
export const CODE_CACHE = `${BUNDLE}.cache`;
/** A smaller cache of what printing the help compiles: V8 deserialises a whole cache, ~8 ms more for the full one. */
export const HELP_CODE_CACHE = `${BUNDLE}.help.cache`;

/** The cache for a run with `argv`: the help one for the help, the version and no command at all. */
export const codeCacheFor = (argv) =>
  argv.length === 0 || argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-v') ? HELP_CODE_CACHE : CODE_CACHE;

/**
 * Compiles and runs the bundle's module code; returns its `main(argv)` and the compiled script
 * (`script.createCachedData()` makes a cache). `cacheFile: null` compiles without a cache.
 */
export function loadCli({ cacheFile = CODE_CACHE } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    if (cacheFile !== null) cachedData = readFileSync(cacheFile);
  } catch {
    // no cache: compile as usual
  }
  // Node's CommonJS wrapper (plus the bundle's import.meta.url and its package importer, see
  // rolldown.config.mjs), on the source's first line, so positions in stack traces hold.
  const params = 'exports, require, module, __filename, __dirname, __authmate_bundle_url, __authmate_import';
  const script = new Script(`(function (${params}) {${source}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  const importPackage = (id) => import(id);
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE), pathToFileURL(BUNDLE).href, importPackage);
  return { main: module.exports.main, script, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true };
}
