/**
 * Provider formats found by their shape alone, and credentials in URIs and files that the second
 * held-out set (issue 12) showed missed: Harness PATs whose token id is not hex, Mapbox secret
 * tokens, Lob `live_`/`test_` keys and Adafruit IO `aio_` keys assigned to names that say nothing
 * (`static let vendor`, an Elixir `@api_key`), Elixir module attributes named as secrets
 * (`@token "…"`), FTP and pip index URIs with a percent-encoded password, Jenkins' encrypted
 * `{AQAAAB…}` secrets, a Go constant holding a whole `Basic <base64 user:pass>` header value,
 * a whole AWS credentials file base64-encoded, and Confluent Cloud `KEY:SECRET` pairs. These are
 * the team's own cases of those forms, not copies of that set, with the look-alikes that must
 * stay quiet beside them.
 */
import { code, lines, negative, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { ALNUM, BASE64URL, HEX, type Rng, b64, b64url } from '../../support/seededRandom';

const S = (value: string, provider: string, group: string): Mark => secret(value, { provider, group });
const N = (value: string, kind: string, group: string): Mark => negative(value, kind, group);

/** A password whose `#` and `/` must be percent-encoded inside a URI's user info. */
const uriPassword = (rng: Rng) => encodeURIComponent(`${rng.chars(ALNUM, 6)}#${rng.chars(ALNUM, 5)}/${rng.chars(ALNUM, 3)}`);

function documents(rng: Rng): Array<[string, string, Piece]> {
  const harness = `pat.${rng.chars(BASE64URL, 22)}.${rng.chars(ALNUM, 24)}.${rng.chars(ALNUM, 20)}`;
  const mapbox = `sk.${b64url(JSON.stringify({ u: 'fleet-ops', a: rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 25) }))}.${rng.chars(BASE64URL, 22)}`;
  // A digit anywhere in the 28 characters, as the rule asks of a key.
  const adafruit = `aio_${rng.chars(ALNUM, 20)}${rng.chars('0123456789', 1)}${rng.chars(ALNUM, 7)}`;
  return [
    [
      'Sources/Fleet/Vendors.swift',
      'swift',
      lines(
        'enum Vendors {',
        code`  static let pipeline = "${S(harness, 'Harness PAT', 'source-ci')}"`,
        code`  static let maps = "${S(mapbox, 'Mapbox secret token', 'saas')}"`,
        '}',
        '',
      ),
    ],
    [
      'lib/mailer/letters.ex',
      'elixir',
      lines(
        'defmodule Mailer.Letters do',
        code`  @api_key "${S(`live_${rng.chars(HEX, 35)}`, 'Lob API key', 'saas')}"`,
        code`  @sandbox_key "${S(`test_${rng.chars(HEX, 35)}`, 'Lob API key', 'saas')}"`,
        code`  @token "${S(rng.chars(ALNUM, 32), 'Elixir module attribute', 'generic')}"`,
        '  @moduledoc """',
        '  Sends letters; @token is read at compile time.',
        '  """',
        code`  @template_digest "${N(`test_${rng.chars(HEX, 32)}`, 'digest of 32 hex', 'hash')}"`,
        'end',
        '',
      ),
    ],
    [
      'config/feeds.php',
      'php',
      lines(
        '<?php',
        'return [',
        code`    'key' => env('FEEDS_KEY', '${S(adafruit, 'Adafruit IO key', 'saas')}'),`,
        code`    'pool' => ${N('aio_createDefaultConnectionPools', 'identifier', 'code')}(),`,
        '];',
        '',
      ),
    ],
    [
      'scripts/publish.sh',
      'shell',
      lines(
        code`lftp -e "mirror -R site /htdocs" ftp://publisher:${S(uriPassword(rng), 'FTP password in URI', 'password')}@ftp.acme-static.net`,
        code`lftp -e "mirror -R site /htdocs" ftp://publisher:${N('${FTP_PASSWORD}', 'variable', 'reference')}@ftp.acme-static.net`,
        '',
      ),
    ],
    [
      'ci/pip.conf',
      'ini',
      lines(
        '[global]',
        code`index-url = https://ci:${S(uriPassword(rng), 'Package index password in URI', 'password')}@pypi.acme-internal.io/simple/`,
        '',
      ),
    ],
    [
      'jenkins/credentials.xml',
      'xml',
      lines(
        '<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
        '  <id>nexus</id>',
        '  <username>nexus-ci</username>',
        code`  <password>{${S(`AQAAABAAAAAQ${b64(rng.bytes(48))}`, 'Jenkins encrypted secret', 'source-ci')}}</password>`,
        '</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
        '',
      ),
    ],
    [
      'internal/relay/client.go',
      'go',
      lines(
        'package relay',
        '',
        code`const relayAuth = "Basic ${S(b64(`svc-relay:${rng.chars(ALNUM, 14)}`), 'Basic credentials in a constant', 'password')}"`,
        code`const docExample = "Basic ${N(b64('user:password'), 'documentation example', 'placeholder')}"`,
        '',
      ),
    ],
    [
      'ci/restore-credentials.sh',
      'shell',
      lines(
        '#!/bin/sh',
        code`echo "${S(b64(`[deploy]\naws_access_key_id = AKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}\naws_secret_access_key = ${rng.chars(ALNUM, 18)}/${rng.chars(ALNUM, 21)}\n`), 'Base64-encoded AWS credentials file', 'cloud')}" | base64 -d > ~/.aws/credentials`,
        code`echo "${N(b64('[default]\nregion = eu-west-1\noutput = json\naws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n'), 'config without a key', 'reference')}" | base64 -d > ~/.aws/config`,
        '',
      ),
    ],
    [
      'group_vars/streaming.yml',
      'yaml',
      lines(
        '---',
        code`confluent_cloud_api: "${S(`${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16)}:${rng.chars(ALNUM + '+/', 64)}`, 'Confluent Cloud API key pair', 'messaging')}"`,
        code`confluent_cluster: "${N(`lkc-${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 5)}`, 'cluster id', 'identifier')}"`,
        '',
      ),
    ],
  ];
}

export function prefixFormDocuments(rng: Rng): CorpusDocument[] {
  return documents(rng).map(([path, context, piece], i) => ({ path: `prefix-${i}/${path}`, context, ...piece }));
}
