import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  isAlgoliaSearchKey,
  isFirebaseWebConfigKey,
  isPublicByDesign,
  isPublicIdentifier,
  isSupabaseAnonKey,
} from '../../../engine/secrets/publicByDesign';

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

describe('isFirebaseWebConfigKey, the config as environment variables', () => {
  it('a Firebase key under a variable the build inlines into the browser bundle is public', () => {
    const key = googleKey();
    for (const name of [
      'NEXT_PUBLIC_FIREBASE_API_KEY',
      'VITE_FIREBASE_API_KEY',
      'REACT_APP_FIREBASE_WEB_API_KEY',
      'EXPO_PUBLIC_FIREBASE_API_KEY',
    ])
      assert.ok(judged(`${name}=${key}\n`, key), name);
    assert.ok(judged(`export NEXT_PUBLIC_FIREBASE_API_KEY="${key}"\n`, key));
    assert.ok(judged(`ARG VITE_FIREBASE_API_KEY=${key}\n`, key));
  });

  it("a Firebase key beside the config's auth domain variable is public, whatever the prefix", () => {
    const key = googleKey();
    assert.ok(judged(`env:\n  FIREBASE_API_KEY: ${key}\n  FIREBASE_AUTH_DOMAIN: acme.firebaseapp.com\n`, key));
    assert.ok(judged(`firebaseApiKey: '${key}',\nfirebaseAuthDomain: 'acme.firebaseapp.com',\n`, key));
  });

  it('a server-side Firebase or Google key stays a secret', () => {
    const key = googleKey();
    assert.ok(!judged(`FIREBASE_API_KEY=${key}\nFIREBASE_PROJECT_ID=acme\n`, key));
    // A public prefix without Firebase in the name: not judged here (a Maps key may be unrestricted).
    assert.ok(!judged(`NEXT_PUBLIC_GOOGLE_MAPS_API_KEY=${key}\n`, key));
    assert.ok(!judged(`GOOGLE_API_KEY=${key}\nNEXT_PUBLIC_FIREBASE_AUTH_DOMAIN=acme.firebaseapp.com\n`, key));
  });
});

describe('isAlgoliaSearchKey', () => {
  const hex32 = () => randomBytes(16).toString('hex');
  /** Whether the key in `text` at `path` is judged a search-only key, named `name`. */
  const judgedAt = (path: string, text: string, key: string, name: string) => isAlgoliaSearchKey(text, text.indexOf(key), key, name, path);
  const hugo = (key: string) => `[algolia]\n  appId = "HQ36R2FO3D"\n  apiKey = "${key}"\n  indexName = "acme_docs"\n`;

  it("the apiKey of a static site's Algolia search block is public (DocSearch renders it into pages)", () => {
    const key = hex32();
    for (const path of ['config/_default/params.toml', 'hugo.toml', 'site/config.toml', 'config/production/hugo.yaml'])
      assert.ok(judgedAt(path, hugo(key), key, 'apiKey'), path);
    const docusaurus = `themeConfig: {\n  algolia: {\n    appId: 'HQ36R2FO3D',\n    apiKey: '${key}',\n    indexName: 'acme',\n  },\n}`;
    assert.ok(judgedAt('website/docusaurus.config.ts', docusaurus, key, 'apiKey'));
  });

  it('a key named search-only is public wherever Algolia is named around it', () => {
    const key = hex32();
    assert.ok(judgedAt('src/search.ts', `// Algolia\nconst searchOnlyApiKey = "${key}";\n`, key, 'searchOnlyApiKey'));
    assert.ok(judgedAt('.env', `ALGOLIA_SEARCH_ONLY_API_KEY=${key}\n`, key, 'ALGOLIA_SEARCH_ONLY_API_KEY'));
  });

  it('admin and write keys, an apiKey outside a static site config, and keys not beside Algolia stay secrets', () => {
    const key = hex32();
    assert.ok(!judgedAt('scripts/indexer/settings.toml', hugo(key), key, 'apiKey'));
    assert.ok(!judgedAt('config.toml', hugo(key).replace('indexName', 'index'), key, 'apiKey'));
    assert.ok(!judgedAt('config.toml', `[algolia]\n  adminApiKey = "${key}"\n  indexName = "x"\n`, key, 'adminApiKey'));
    assert.ok(!judgedAt('src/search.ts', `const searchOnlyApiKey = "${key}";\n`, key, 'searchOnlyApiKey'));
    assert.ok(
      !judgedAt('hugo.toml', `[algolia]\n  apiKey = "${key.toUpperCase()}X"\n  indexName = "x"\n`, `${key.toUpperCase()}X`, 'apiKey'),
    );
  });
});

/** A JWT over this payload, signed with random bytes (never a real key). */
function jwtOver(payload: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${randomBytes(32).toString('base64url')}`;
}

describe('isSupabaseAnonKey', () => {
  it("Supabase's anon key (role anon, issued by Supabase) is public by design", () => {
    assert.ok(isSupabaseAnonKey(jwtOver({ iss: 'supabase', ref: 'xyzcompany', role: 'anon', iat: 1730000000 })));
    assert.ok(isSupabaseAnonKey(jwtOver({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 })));
  });

  it('the service_role key, an anon role from another issuer and non-JWTs stay secrets', () => {
    assert.ok(!isSupabaseAnonKey(jwtOver({ iss: 'supabase', ref: 'xyzcompany', role: 'service_role' })));
    assert.ok(!isSupabaseAnonKey(jwtOver({ iss: 'https://auth.acme.io', role: 'anon' })));
    assert.ok(!isSupabaseAnonKey(jwtOver({ role: 'anon' })));
    assert.ok(!isSupabaseAnonKey('eyJhbGciOiJIUzI1NiJ9.not-json.c2ln'));
  });
});

describe('isPublicIdentifier', () => {
  const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);

  it('Twilio resource SIDs and Razorpay key ids are identifiers wherever they sit', () => {
    for (const v of [`AC${hex(32)}`, `MG${hex(32)}`, `rzp_live_${'Qx7Lm2Vt9Rw4Kc'}`, `rzp_test_${'Qx7Lm2Vt9Rw4Kc'}`])
      assert.ok(isPublicIdentifier(`api_key: ${v}`, 9, v, 'api_key'), v);
  });

  it("Shopify's API key and Mailjet's public API key are identifiers under their names", () => {
    const v = hex(32);
    assert.ok(isPublicIdentifier(`SHOPIFY_API_KEY=${v}`, 16, v, 'SHOPIFY_API_KEY'));
    assert.ok(isPublicIdentifier(`mailjet:\n  api_key: ${v}\n`, 20, v, 'api_key'));
    assert.ok(isPublicIdentifier(`MJ_APIKEY_PUBLIC=${v}`, 17, v, 'MJ_APIKEY_PUBLIC'));
  });

  it('their secret halves, and an api_key with no Mailjet around it, are not identifiers', () => {
    const v = hex(32);
    assert.ok(!isPublicIdentifier(`SHOPIFY_API_SECRET=${v}`, 19, v, 'SHOPIFY_API_SECRET'));
    assert.ok(!isPublicIdentifier(`mailjet:\n  secret_key: ${v}\n`, 23, v, 'secret_key'));
    assert.ok(!isPublicIdentifier(`datadog:\n  api_key: ${v}\n`, 20, v, 'api_key'));
    // A Twilio API key SID names a key pair: reported, like an AWS key id (README).
    const sid = `SK${hex(32)}`;
    assert.ok(!isPublicIdentifier(`api_key: ${sid}`, 9, sid, 'api_key'));
    // A Twilio API key's secret (32 alphanumerics) is not a SID.
    const secret = 'm6Bgge5kdm1DWL4XNqvIerLESIgPlTXM';
    assert.ok(!isPublicIdentifier(`api_secret: ${secret}`, 12, secret, 'api_secret'));
  });
});

describe('isPublicByDesign', () => {
  it('judges identifiers only for generic rules: a provider rule reports an id on purpose', () => {
    const sid = `AC${randomBytes(16).toString('hex')}`;
    assert.ok(isPublicByDesign(`account: ${sid}`, 9, sid, 'account', true));
    assert.ok(!isPublicByDesign(`account: ${sid}`, 9, sid, 'account', false));
    const key = randomBytes(16).toString('hex');
    const hugo = `[algolia]\n  apiKey = "${key}"\n  indexName = "docs"\n`;
    assert.ok(isPublicByDesign(hugo, hugo.indexOf(key), key, 'apiKey', true, 'config/_default/params.toml'));
    assert.ok(!isPublicByDesign(hugo, hugo.indexOf(key), key, 'apiKey', false, 'config/_default/params.toml'));
  });
});
