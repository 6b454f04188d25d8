import * as assert from 'node:assert/strict';
import { withFoldersIgnored } from '../../server/services/auditService';
import { testEngine } from '../support/engineFixture';

describe('the audit of a folder leaves its nested folders to them', () => {
  it('ignores each nested folder, anchored, wildcards escaped, keeping the config’s own globs', () => {
    const config = withFoldersIgnored({ paths: { ignore: ['dist/**'] }, disable: ['x'] }, ['lib', 'we*rd [1]/sub']);
    assert.deepEqual(config.disable, ['x']);
    const engine = testEngine({ config });
    assert.ok(engine.isIgnoredPath('dist/a.js'), 'its own glob still applies');
    assert.ok(engine.isIgnoredPath('lib/'));
    assert.ok(engine.isIgnoredPath('lib/vendor.py'));
    assert.ok(engine.isIgnoredPath('we*rd [1]/sub/x.py'));
    assert.ok(!engine.isIgnoredPath('src/lib/vendor.py'), 'anchored at the folder');
    assert.ok(!engine.isIgnoredPath('library/x.py'));
    assert.ok(!engine.isIgnoredPath('weird 1/sub/x.py'), 'the wildcards are literal');
  });

  it('leaves a folder without nested folders as it was', () => {
    const config = { paths: { ignore: ['dist/**'] } };
    assert.equal(withFoldersIgnored(config, []), config);
  });
});
