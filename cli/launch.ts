#!/usr/bin/env node
/**
 * `dist/cli.js`, the `nhi-lens` command: a few lines that run the CLI's bundle (`dist/cliMain.js`,
 * from cli/main.ts) through a V8 code cache in the user's cache folder (codeCache.ts), as this
 * module, so `require('dist/cli.js')` still gives the bundle's exports. It also sets how soon V8
 * optimises hot code, for a run this short (v8Settings.ts), and reads the CPU time counters an
 * audit's default worker count is measured from (idleCores.ts).
 */
import * as path from 'node:path';
import { noteCpuTimesAtStart } from '../workspace/scan/idleCores';
import { codeCacheFolder, runBundle } from '../workspace/runtime/codeCache';
import { applyV8Settings, loadBeforeFlags } from './v8Settings';

// Only as the command: a process that requires this file for the bundle's exports keeps its own
// V8 flags (they are process-wide) and takes its own readings.
const asCommand = require.main === module;
if (asCommand) {
  // First: an audit's default worker count is measured from this reading on (idleCores.ts).
  noteCpuTimesAtStart();
  // Before the bundle is compiled, so the main thread and the audit's workers all run with it.
  loadBeforeFlags();
  applyV8Settings('start');
}

const folder = codeCacheFolder();
const { save } = runBundle(path.join(__dirname, 'cliMain.js'), module, require, folder, asCommand ? process.argv[2] : '');
// At exit, so the cache holds the functions this run compiled too, not only the top level.
if (save) process.once('exit', save);
