import * as assert from 'node:assert/strict';
import { reportPathTarget } from '../../client/reportPaths';

describe('report paths back to files (the report webview’s reveal)', () => {
  const api = { uri: 'file:///ws/api', name: 'api' };
  const apiV2 = { uri: 'file:///ws/api-v2', name: 'api/v2' };
  const web = { uri: 'file:///ws/web', name: 'web' };

  it('one folder: the path is relative to it', () => {
    assert.deepEqual(reportPathTarget('src/app.py', [api]), { folderUri: api.uri, path: 'src/app.py' });
  });

  it('several folders: the first segment names the folder, the longest matching name wins', () => {
    assert.deepEqual(reportPathTarget('web/src/app.py', [api, web]), { folderUri: web.uri, path: 'src/app.py' });
    assert.deepEqual(reportPathTarget('api/v2/main.go', [api, apiV2, web]), { folderUri: apiV2.uri, path: 'main.go' });
    assert.deepEqual(reportPathTarget('api/main.go', [api, apiV2, web]), { folderUri: api.uri, path: 'main.go' });
  });

  it('nothing for a path of no audited folder, or one that leaves its folder', () => {
    assert.equal(reportPathTarget('docs/readme.md', [api, web]), undefined);
    assert.equal(reportPathTarget('webapp/x.py', [api, web]), undefined);
    assert.equal(reportPathTarget('../etc/passwd', [api]), undefined);
    assert.equal(reportPathTarget('web/../../etc/passwd', [api, web]), undefined);
  });
});
