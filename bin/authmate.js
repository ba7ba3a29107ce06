#!/usr/bin/env node
import { codeCacheFor, loadCli } from './load-cli.mjs';

const argv = process.argv.slice(2);
process.exitCode = await loadCli({ cacheFile: codeCacheFor(argv) }).main(argv);
