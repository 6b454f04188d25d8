#!/usr/bin/env node
/**
 * `dist/cli.js`, the `nhi-lens` command: a few lines that run the CLI's bundle (`dist/cliMain.js`,
 * from cli/main.ts) through a V8 code cache in the user's cache folder (codeCache.ts), as this
 * module, so `require('dist/cli.js')` still gives the bundle's exports. It also sets how soon V8
 * optimises hot code, for a run this short (v8Settings.ts), reads the CPU time counters an
 * audit's default worker count is measured from (idleCores.ts), and starts a warm `--cache`
 * audit's stamp thread when NHI_LENS_STAMP_THREAD asks for one (earlyStampThread.ts; off by default).
 */
import * as path from 'node:path';
import { userCacheFolder } from '../workspace/files/userCacheFolder';
import { noteCpuTimesAtStart } from '../workspace/scan/idleCores';
import { CODE_CACHE_OFF_ENV, runBundle } from './codeCache';
import { startEarlyStampThread } from './earlyStampThread';
import { applyV8Settings } from './v8Settings';

// Only as the command: a process that requires this file for the bundle's exports keeps its own
// V8 flags (they are process-wide) and takes its own readings.
const asCommand = require.main === module;
if (asCommand) {
  // First: an audit's default worker count is measured from this reading on (idleCores.ts).
  noteCpuTimesAtStart();
  // Before the bundle is compiled, so the main thread and the audit's workers all run with it.
  applyV8Settings('start');
  // After the flags (the thread's isolate runs with them), before the bundle: its start-up runs beside the bundle's load. Off by default.
  startEarlyStampThread(process.argv.slice(2));
}

const folder = process.env[CODE_CACHE_OFF_ENV] ? undefined : path.join(userCacheFolder(), 'code');
const { save } = runBundle(path.join(__dirname, 'cliMain.js'), module, require, folder, asCommand ? process.argv[2] : '');
// At exit, so the cache holds the functions this run compiled too, not only the top level.
if (save) process.once('exit', save);
