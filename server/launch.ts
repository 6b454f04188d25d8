#!/usr/bin/env node
/**
 * `dist/server.js`, the language server the extension starts: a few lines that run the server's
 * bundle (`dist/serverMain.js`, from server.ts) through a V8 code cache in the user's cache
 * folder (workspace/runtime/codeCache.ts), as this module. Compiling the 1.8 MB bundle was a
 * quarter of the server's CPU from its start to the first diagnostics of an open file, and
 * every re-check's functions were compiled again on the first edits after each start.
 */
// First: the V8 flags, before the bundle is compiled (the code cache is made and taken under them).
import './startV8Settings';
import * as path from 'node:path';
import { codeCacheFolder, runBundle } from '../workspace/runtime/codeCache';

/**
 * When the code cache is written, after a start that had none: once the server has read its
 * settings, checked the open files and, most likely, re-checked a few edits, so the cache holds
 * what those compiled too. Writing it takes 10-20 ms of the server's thread, once per build.
 */
const SAVE_AFTER_MS = 15_000;

const folder = codeCacheFolder();
const { save } = runBundle(path.join(__dirname, 'serverMain.js'), module, require, folder, 'server');
if (save) {
  let saved = false;
  const saveOnce = () => {
    if (saved) return;
    saved = true;
    save();
  };
  // Not keeping the process alive: a server asked to exit before then writes it as it exits.
  setTimeout(saveOnce, SAVE_AFTER_MS).unref();
  process.once('exit', saveOnce);
}
