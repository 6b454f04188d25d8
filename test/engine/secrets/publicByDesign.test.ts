import * as assert from 'node:assert/strict';
import { isFirebaseWebConfigKey } from '../../../engine/secrets/publicByDesign';

// Google API key shapes built at run time (AIza + 35 characters), never a real key.
const googleKey = () => 'AIza' + 'Qx7Lm2Vt9Rw4Kc8Yb1Nh5Ts3Pq6Xa0Lm2_-'.slice(0, 35);

/** Whether the key in `text` is judged public, at its own offset. */
function judged(text: string, key: string): boolean {
  return isFirebaseWebConfigKey(text, text.indexOf(key), key);
}

describe('isFirebaseWebConfigKey', () => {
  it('the apiKey of a Firebase web config (authDomain beside it) is public by design', () => {
    const key = googleKey();
    const js = `const firebaseConfig = {\n  apiKey: "${key}",\n  authDomain: "acme.firebaseapp.com",\n  projectId: "acme",\n};\n`;
    assert.ok(judged(js, key));
    const json = `{"apiKey": "${key}", "authDomain": "acme.firebaseapp.com"}`;
    assert.ok(judged(json, key));
  });

  it('a Google API key anywhere else stays a secret', () => {
    const key = googleKey();
    // An apiKey without a Firebase config around it (Maps loader, server code).
    assert.ok(!judged(`const loader = new Loader({ apiKey: "${key}", version: "weekly" });`, key));
    // Beside an authDomain, but not the apiKey field.
    assert.ok(!judged(`const cfg = { authDomain: "acme.firebaseapp.com" };\nconst serverKey = "${key}";\n`, key));
    // Not a Google API key.
    assert.ok(!isFirebaseWebConfigKey('{ apiKey: "sk_live_abc", authDomain: "x" }', 11, 'sk_live_abc'));
  });
});
