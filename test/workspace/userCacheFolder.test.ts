import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { userCacheFolder } from '../../workspace/files/userCacheFolder';

describe('the user cache folder', () => {
  const home = () => '/home/u';
  it("is the platform's own, under an absolute folder", () => {
    assert.equal(userCacheFolder({}, 'linux', home), path.join('/home/u', '.cache', 'nhi-lens'));
    assert.equal(userCacheFolder({ XDG_CACHE_HOME: '/x/cache' }, 'linux', home), path.join('/x/cache', 'nhi-lens'));
    assert.equal(
      userCacheFolder({}, 'darwin', () => '/Users/u'),
      path.join('/Users/u', 'Library', 'Caches', 'nhi-lens'),
    );
  });

  it("never a relative folder, which would be the working folder's (a workspace's, for the language server)", () => {
    assert.equal(userCacheFolder({ XDG_CACHE_HOME: 'cache' }, 'linux', home), path.join('/home/u', '.cache', 'nhi-lens'));
    assert.equal(
      userCacheFolder({}, 'linux', () => 'relhome'),
      undefined,
    );
    assert.equal(
      userCacheFolder({ XDG_CACHE_HOME: 'cache' }, 'linux', () => 'relhome'),
      undefined,
    );
    assert.equal(
      userCacheFolder({ LOCALAPPDATA: '' }, 'win32', () => ''),
      undefined,
    );
  });

  it('none when no home folder is known (HOME unset and no account entry: os.homedir throws)', () => {
    const none = () => {
      throw new Error('uv_os_homedir returned ENOENT');
    };
    assert.equal(userCacheFolder({}, 'linux', none), undefined);
    assert.equal(userCacheFolder({}, 'darwin', none), undefined);
    // Named by the environment: no home folder needed.
    assert.equal(userCacheFolder({ XDG_CACHE_HOME: '/x/cache' }, 'linux', none), path.join('/x/cache', 'nhi-lens'));
  });
});
