import * as assert from 'node:assert/strict';
import { fileKindOf } from '../../../engine/text/fileKind';

describe('fileKindOf (the kind of a file from its name)', () => {
  it('reads the extension, in any letter case, after the last folder', () => {
    assert.equal(fileKindOf('src/app.ts'), 'typescript');
    assert.equal(fileKindOf('src\\App.TSX'), 'typescript');
    assert.equal(fileKindOf('deploy/values.YAML'), 'yaml');
    assert.equal(fileKindOf('infra/main.tf'), 'terraform');
    assert.equal(fileKindOf('a.b/c'), 'text'); // a dot in a folder name is not the file's extension
  });

  it('knows the names that say more than an extension, in this order: .env, make, Docker, ini files', () => {
    assert.equal(fileKindOf('.env'), 'dotenv');
    assert.equal(fileKindOf('app/.env.local'), 'dotenv');
    assert.equal(fileKindOf('prod.env'), 'dotenv');
    assert.equal(fileKindOf('Dockerfile.env'), 'dotenv');
    assert.equal(fileKindOf('Makefile'), 'makefile');
    assert.equal(fileKindOf('GNUmakefile'), 'makefile');
    assert.equal(fileKindOf('rules.mk'), 'makefile');
    assert.equal(fileKindOf('Dockerfile.mk'), 'makefile');
    assert.equal(fileKindOf('Dockerfile'), 'dockerfile');
    assert.equal(fileKindOf('Dockerfile.prod'), 'dockerfile');
    assert.equal(fileKindOf('build/app.dockerfile'), 'dockerfile');
    assert.equal(fileKindOf('home/.npmrc'), 'ini');
    assert.equal(fileKindOf('.gitconfig'), 'ini');
  });

  it('is text for a name without a known extension, and never for a property every object has', () => {
    assert.equal(fileKindOf('LICENSE'), 'text');
    assert.equal(fileKindOf('notes.unknown'), 'text');
    assert.equal(fileKindOf('env'), 'text');
    assert.equal(fileKindOf('makefile.txt'), 'text');
    // The extensions were once looked up among an object's properties: these named inherited ones.
    assert.equal(fileKindOf('a.constructor'), 'text');
    assert.equal(fileKindOf('a.__proto__'), 'text');
    assert.equal(fileKindOf('a.hasownproperty'), 'text');
  });
});
