/**
 * Sets the language server's V8 flags (v8Settings.ts) when the bundle starts: the server's entry
 * imports this module first, so its body runs before any other module of the bundle.
 */
import * as v8 from 'node:v8';
import { serverV8Flags } from './v8Settings';

for (const flag of serverV8Flags(process.versions.v8, process.env)) v8.setFlagsFromString(flag);
