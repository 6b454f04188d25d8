/**
 * Credentials whose only name is their parent section (`rapidapi:` then `key:`) or the HTTP
 * Authorization header they travel in (the provider named, if at all, only by the URL), and the
 * look-alikes around them: references, placeholders, counting sequences, e-mail addresses, other
 * headers, other sections. Drawn from their own random stream so the rest of the corpus is the
 * same with or without them.
 */
import { code, lines, negative, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { PROVIDERS } from './providers';
import { ALNUM, DIGITS, HEX, type Rng } from '../../support/seededRandom';

const make = (rng: Rng, id: string) => PROVIDERS.find((p) => p.id === id)!.make(rng);
const RAPIDAPI = (rng: Rng): Mark => secret(make(rng, 'rapidapi'), { provider: 'RapidAPI key', group: 'saas' });
const ASANA = (rng: Rng): Mark => secret(make(rng, 'asana'), { provider: 'Asana PAT', group: 'saas' });
const HEX_TOKEN = (rng: Rng, n: number, provider: string, group: string): Mark => secret(rng.chars(HEX, n), { provider, group });
/** A password of letters, digits and one symbol a password rule can tell from code (`$` cannot be). */
const PASSWORD = (rng: Rng): Mark =>
  secret(
    `${rng.pick(['Winter', 'Falcon', 'Orbit', 'Copper', 'Harbor'])}${rng.chars(DIGITS, 2 + rng.int(3))}${rng.pick(['!', '#', '%', '&', '*', '@', '+'])}${rng.chars(ALNUM, 5 + rng.int(6))}`,
    { provider: 'Password in Authorization: token', group: 'password' },
  );
const N = (value: string, kind: string): Mark => negative(value, kind, 'header and section look-alikes');

function doc(path: string, context: string, piece: Piece): CorpusDocument {
  return { path, context, ...piece };
}

export function sectionAndHeaderDocuments(rng: Rng): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  // RapidAPI keys named by their section.
  docs.push(
    doc(
      'named-gaps/rapidapi-yaml/config/application.yml',
      'section-name',
      lines('app:', '  rapidapi:', '    host: weather.p.rapidapi.com', code`    key: "${RAPIDAPI(rng)}"`, '  timeout: 5s', ''),
    ),
    doc(
      'named-gaps/rapidapi-json/config/production.json',
      'section-name',
      lines('{', code`  "rapidapi": { "host": "weather.p.rapidapi.com", "key": "${RAPIDAPI(rng)}" },`, '  "debug": false', '}', ''),
    ),
    doc(
      'named-gaps/rapidapi-js/src/config.js',
      'section-name',
      lines('module.exports = {', code`  rapidapi: { key: '${RAPIDAPI(rng)}' },`, '  port: 8080,', '};', ''),
    ),
    doc(
      'named-gaps/rapidapi-toml/config.toml',
      'section-name',
      lines('[server]', 'port = 8080', '', '[rapidapi]', code`key = "${RAPIDAPI(rng)}"`, ''),
    ),
    doc(
      'named-gaps/rapidapi-appsettings/src/Api/appsettings.json',
      'section-name',
      lines('{', '  "RapidApi": {', '    "Host": "weather.p.rapidapi.com",', code`    "Key": "${RAPIDAPI(rng)}"`, '  }', '}', ''),
    ),
    doc(
      'named-gaps/rapidapi-python/app/settings.py',
      'section-name',
      lines(code`RAPIDAPI = {"host": "weather.p.rapidapi.com", "key": "${RAPIDAPI(rng)}"}`, ''),
    ),
  );
  // Provider keys in Authorization headers, the provider named only by the URL, or not at all.
  docs.push(
    doc(
      'named-gaps/asana-curl/RUNBOOK.md',
      'auth-header',
      lines('```bash', code`curl -s -H "Authorization: Bearer ${ASANA(rng)}" https://app.asana.com/api/1.0/users/me`, '```', ''),
    ),
    doc(
      'named-gaps/asana-http/requests/tasks.http',
      'auth-header',
      lines('GET https://app.asana.com/api/1.0/tasks?project=1204', code`Authorization: Bearer ${ASANA(rng)}`, ''),
    ),
    doc(
      'named-gaps/asana-python/tools/sync.py',
      'auth-header',
      lines(
        'import requests',
        code`HEADERS = {"Authorization": "Bearer ${ASANA(rng)}"}`,
        'requests.get("https://app.asana.com/api/1.0/users/me", headers=HEADERS)',
        '',
      ),
    ),
    doc('named-gaps/asana-go/cmd/sync/main.go', 'auth-header', lines(code`	req.Header.Set("Authorization", "Bearer ${ASANA(rng)}")`, '')),
    doc(
      'named-gaps/pusher-curl/scripts/events.sh',
      'auth-header',
      lines(
        '#!/bin/sh',
        code`curl -s -H "Authorization: Bearer ${HEX_TOKEN(rng, 20, 'Pusher app secret', 'messaging')}" https://api-eu.pusher.com/apps/1234567/events`,
        '',
      ),
    ),
    doc(
      'named-gaps/hex-http/requests/trigger.http',
      'auth-header',
      lines(
        'POST https://ci.acme.io/api/trigger',
        code`Authorization: token ${HEX_TOKEN(rng, 20, 'Hex token in Authorization', 'generic')}`,
        '',
      ),
    ),
    doc(
      'named-gaps/hex-python/ops/partner.py',
      'auth-header',
      lines(code`headers = {"Authorization": "token ${HEX_TOKEN(rng, 32, 'Hex token in Authorization', 'generic')}"}`, ''),
    ),
  );
  // Passwords after `Authorization: token`.
  for (let i = 0; i < 3; i++)
    docs.push(
      doc(
        `named-gaps/token-password-${i}/scripts/smoke.sh`,
        'auth-header',
        lines('#!/bin/sh', code`curl -fsS -H 'Authorization: token ${PASSWORD(rng)}' -X POST https://ci.acme.io/api/trigger`, ''),
      ),
    );
  docs.push(
    doc(
      'named-gaps/token-password-http/requests/ci.http',
      'auth-header',
      lines('POST https://ci.acme.io/api/trigger', code`Authorization: token ${PASSWORD(rng)}`, ''),
    ),
    doc(
      'named-gaps/token-password-python/ci/trigger.py',
      'auth-header',
      lines(code`HEADERS = {"Authorization": "token ${PASSWORD(rng)}"}`, ''),
    ),
  );
  // Look-alikes.
  const asanaShaped = make(rng, 'asana');
  docs.push(
    doc(
      'named-gaps/negative-headers/docs/api.md',
      'auth-header',
      lines(
        '```bash',
        code`curl -H 'Authorization: token ${N('${CI_TRIGGER_TOKEN}', 'reference')}' -X POST https://ci.acme.io/api/trigger`,
        code`curl -H "Authorization: Bearer ${N('$PUSHER_SECRET', 'reference')}" https://api-eu.pusher.com/apps/1234567/events`,
        code`curl -H "Authorization: Bearer ${N('<asana-personal-access-token>', 'placeholder')}" https://app.asana.com/api/1.0/users/me`,
        code`curl -H 'Authorization: token ${N('{{ci_token}}', 'template')}' https://ci.acme.io/api/trigger`,
        code`curl -H 'Authorization: token ${N('0123456789abcdef0123', 'counting sequence')}' https://ci.acme.io/api/trigger`,
        code`curl -H 'Authorization: token ${N('00000000000000000000', 'zeros')}' https://ci.acme.io/api/trigger`,
        code`curl -H 'Authorization: token ${N('release-bot42@acme.io', 'e-mail address')}' https://ci.acme.io/api/trigger`,
        code`curl -H 'Authorization: token ${N('my-ci-token', 'word')}' https://ci.acme.io/api/trigger`,
        code`curl -H 'X-Request-Id: ${N(asanaShaped, 'Asana-shaped value in another header')}' https://app.asana.com/api/1.0/users/me`,
        code`curl -H 'If-None-Match: "${N(rng.chars(HEX, 32), 'ETag')}"' https://cdn.acme.io/app.js`,
        '```',
        '',
      ),
    ),
    doc(
      'named-gaps/negative-code/src/client.py',
      'auth-header',
      lines(
        code`headers = {"Authorization": "token ${N('%s', 'format placeholder')}" % token}`,
        code`digest = 'Authorization: Digest username="ops", response="${N(rng.chars(HEX, 32), 'digest response hash')}"'`,
        '',
      ),
    ),
    doc(
      'named-gaps/negative-rapidapi/config/application.yml',
      'section-name',
      lines(
        'rapidapi:',
        '  host: weather.p.rapidapi.com',
        code`  key: ${N('${RAPIDAPI_KEY}', 'reference')}`,
        code`  key-header: ${N('X-RapidAPI-Key', 'header name')}`,
        '',
      ),
    ),
    doc(
      'named-gaps/negative-rapidapi-js/src/config.js',
      'section-name',
      lines(code`module.exports = { rapidapi: { key: ${N('process.env.RAPIDAPI_KEY', 'environment read')} } };`, ''),
    ),
  );
  return docs;
}
