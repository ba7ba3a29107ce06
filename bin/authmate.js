#!/usr/bin/env node
import { loadCli } from './load-cli.mjs';

process.exitCode = await loadCli().main(process.argv.slice(2));
