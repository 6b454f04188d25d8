import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IDENTITY_KIND_LABEL } from '../../engine';

const REPO = path.resolve(__dirname, '../../..');
const DIST = path.join(REPO, 'dist');

function read(file: string): string {
  const full = path.join(DIST, file);
  assert.ok(fs.existsSync(full), `${full} is missing: run npm run build first`);
  return fs.readFileSync(full, 'utf8');
}

/** Our own modules the bundle was built from (the source map lists them, minified or not). */
function ownSources(bundle: string): string[] {
  const map = JSON.parse(read(`${bundle}.map`)) as { sources: string[] };
  return map.sources.filter((s) => !s.split(/[\\/]/).includes('node_modules')).map((s) => path.relative(REPO, path.resolve(DIST, s)));
}

// The client talks to the server through protocol/ only: engine code in the extension bundle
// means the wire contract leans on engine internals again (and the extension loads it for nothing).
describe('the VS Code client bundle', () => {
  it('is built from client/ and protocol/ only', () => {
    const sources = ownSources('extension.js');
    assert.ok(sources.includes(path.join('client', 'extension.ts')), `the source map lists the client: ${sources.join(', ')}`);
    assert.deepEqual(
      sources.filter((s) => !/^(client|protocol)[\\/]/.test(s)),
      [],
      'modules outside client/ and protocol/ in dist/extension.js',
    );
  });

  it('carries no engine strings (the inventory labels come from the server)', () => {
    const labels = Object.values(IDENTITY_KIND_LABEL).map((label) => JSON.stringify(label));
    // The marker survives bundling: the server bundle, which does map the labels, has them all.
    const server = read('serverMain.js');
    assert.deepEqual(
      labels.filter((l) => !server.includes(l)),
      [],
      'labels in dist/serverMain.js',
    );
    const client = read('extension.js');
    assert.deepEqual(
      labels.filter((l) => client.includes(l)),
      [],
      'engine labels in dist/extension.js',
    );
  });
});
