import { fingerprintOf, type Finding } from '../../engine';
import { checkForRule, type CheckSpec, type ProviderSpec } from './providers';

/**
 * One credential to ask a provider about, with its value: built right before verification from
 * the file the finding is in, and dropped right after (see app/verifyFindings.ts). It never
 * goes into a finding, a report, a log or the cache.
 */
export interface Credential {
  provider: ProviderSpec;
  check: CheckSpec;
  /** The value sent (AWS: the secret access key, used to sign; Twilio: the auth token or API key secret). */
  secret: string;
  /** The other half of two-part credentials: the AWS access key ID, the Twilio account or API key SID. */
  id?: string;
  /** AWS temporary credentials (ASIA… key IDs) need their session token. */
  sessionToken?: string;
  /** Fingerprints of the findings the verdict belongs to. */
  fingerprints: string[];
  /** Cache and de-duplication key: the provider and the fingerprints, never the value. */
  key: string;
}

/** One file's text and its findings that take part in verification. */
export interface FileSecrets {
  text: string;
  findings: Finding[];
}

/** Two parts further apart than this are only paired when the file holds just one of each. */
const MAX_PAIR_LINES = 10;

const AWS_SECRET_SHAPE = /^[A-Za-z0-9+/]{40}$/;
const AWS_SESSION_SHAPE = /^[A-Za-z0-9/+=]{100,1200}$/;
const TWILIO_SID = /(?<![A-Za-z0-9])(?:AC|SK)[a-f0-9]{32}(?![A-Za-z0-9])/g;

/**
 * The value a finding points at, only if the file still holds the value that was found: the
 * fingerprint of what is at the finding's offsets must be the finding's. A file edited since
 * the scan yields nothing, so a verdict is never given for a value nobody saw.
 */
export function valueOf(text: string, finding: Finding): string | undefined {
  const value = text.slice(finding.offsets.start, finding.offsets.end);
  return value && fingerprintOf(finding.ruleId, value) === finding.fingerprint ? value : undefined;
}

interface Part {
  value: string;
  line: number;
  fingerprint?: string;
  finding?: Finding;
}

function partsOf(file: FileSecrets, ruleId: string, shape: RegExp): Part[] {
  const parts: Part[] = [];
  for (const f of file.findings) {
    if (f.ruleId !== ruleId) continue;
    const value = valueOf(file.text, f);
    if (value && shape.test(value)) parts.push({ value, line: f.range.start.line, fingerprint: f.fingerprint, finding: f });
  }
  return parts;
}

/**
 * Pairs each `a` with one `b`, nearest lines first (a `b` below its `a` wins a tie: key IDs come
 * before their secrets in every credentials file format), each part used once. With one of
 * each in the file they pair at any distance; otherwise only within MAX_PAIR_LINES.
 */
export function pairNearest(as: Part[], bs: Part[]): Array<[Part, Part]> {
  if (as.length === 1 && bs.length === 1) return [[as[0], bs[0]]];
  const candidates: Array<{ a: Part; b: Part; distance: number; below: boolean }> = [];
  for (const a of as)
    for (const b of bs) {
      const distance = Math.abs(a.line - b.line);
      if (distance <= MAX_PAIR_LINES) candidates.push({ a, b, distance, below: b.line >= a.line });
    }
  candidates.sort((x, y) => x.distance - y.distance || Number(y.below) - Number(x.below));
  const usedA = new Set<Part>();
  const usedB = new Set<Part>();
  const pairs: Array<[Part, Part]> = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push([c.a, c.b]);
  }
  return pairs;
}

function lineStartBefore(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Single-value credentials: one finding, one request. */
function singles(file: FileSecrets): Credential[] {
  const out: Credential[] = [];
  for (const f of file.findings) {
    const found = checkForRule(f.ruleId);
    if (!found || found.check.pair) continue;
    const { provider, check } = found;
    const value = valueOf(file.text, f);
    if (!value || !check.shape.test(value)) continue;
    if (check.linePrefix && !check.linePrefix.test(file.text.slice(lineStartBefore(file.text, f.offsets.start), f.offsets.start))) continue;
    out.push({ provider, check, secret: value, fingerprints: [f.fingerprint], key: `${provider.id}:${f.fingerprint}` });
  }
  return out;
}

/** AWS: an access key ID with the secret access key nearest to it (and, for ASIA… keys, a session token). */
function awsPairs(file: FileSecrets): Credential[] {
  const found = checkForRule('aws-access-key-id')!;
  const keyIds = partsOf(file, 'aws-access-key-id', found.check.shape);
  if (!keyIds.length) return [];
  const secrets = partsOf(file, 'aws-secret-access-key', AWS_SECRET_SHAPE);
  const tokens = partsOf(file, 'aws-session-token', AWS_SESSION_SHAPE);
  const sessionOf = new Map(
    pairNearest(
      keyIds.filter((k) => k.value.startsWith('ASIA')),
      tokens,
    ),
  );
  const out: Credential[] = [];
  for (const [keyId, secret] of pairNearest(keyIds, secrets)) {
    const token = sessionOf.get(keyId);
    // Temporary keys cannot sign anything without their session token.
    if (keyId.value.startsWith('ASIA') && !token) continue;
    const fingerprints = [keyId.fingerprint!, secret.fingerprint!, ...(token ? [token.fingerprint!] : [])];
    out.push({
      ...found,
      id: keyId.value,
      secret: secret.value,
      ...(token ? { sessionToken: token.value } : {}),
      fingerprints,
      key: `aws:${fingerprints.join('+')}`,
    });
  }
  return out;
}

/**
 * Twilio: the auth token with the account SID (AC…) nearest to it, or an API key secret with
 * its API key SID (SK…). SIDs are identifiers, not secrets: account SIDs are read from the
 * text, API key SIDs are findings of their own.
 */
function twilioPairs(file: FileSecrets): Credential[] {
  const found = checkForRule('twilio-auth-token')!;
  const tokens = partsOf(file, 'twilio-auth-token', found.check.shape);
  if (!tokens.length) return [];
  const sids: Part[] = [];
  for (const m of file.text.matchAll(TWILIO_SID)) {
    const finding = file.findings.find((f) => f.ruleId === 'twilio-api-key' && f.offsets.start === m.index);
    sids.push({ value: m[0], line: countLines(file.text, m.index!), fingerprint: finding?.fingerprint, finding });
  }
  const out: Credential[] = [];
  // A secret named like an API key secret goes with an SK… SID, an auth token with an AC… one.
  const isApiSecret = (t: Part) => /api_?secret|api_?key_?secret/i.test(t.finding?.fix.keyName ?? '');
  for (const kind of ['SK', 'AC'] as const) {
    const group = tokens.filter((t) => isApiSecret(t) === (kind === 'SK'));
    for (const [token, sid] of pairNearest(
      group,
      sids.filter((s) => s.value.startsWith(kind)),
    )) {
      const fingerprints = [token.fingerprint!, ...(sid.fingerprint ? [sid.fingerprint] : [])];
      out.push({
        ...found,
        id: sid.value,
        secret: token.value,
        fingerprints,
        key: `twilio:${token.fingerprint}+${sid.fingerprint ?? fingerprintOf('twilio-sid', sid.value)}`,
      });
    }
  }
  return out;
}

function countLines(text: string, offset: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Every credential one file holds that a provider can be asked about. */
export function credentialsIn(file: FileSecrets): Credential[] {
  return [...singles(file), ...awsPairs(file), ...twilioPairs(file)];
}
