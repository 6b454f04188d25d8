import * as path from 'node:path';
import type { Finding, Verification } from '../engine';
import { credentialsIn, type Credential } from '../integrations/verify/credentials';
import { isVerificationRule } from '../integrations/verify/providers';
import { verifyCredentials, type VerifyOptions } from '../integrations/verify/verifier';
import { verificationNote, type Report } from '../report/reportModel';
import { readScannedText } from '../workspace/files/scannedText';

export type { VerifyOptions };

/** When one finding gets several verdicts (a key ID paired in two files): the most alarming that is sure. */
const PRECEDENCE: Record<Verification['state'], number> = { live: 0, unknown: 1, invalid: 2 };

/** Rules whose finding needs a second one beside it to be verified, and what that is. */
const NEEDS_PARTNER: Record<string, string> = {
  'aws-access-key-id': 'AWS access key IDs need their secret access key (and ASIA… keys their session token) in the same file',
  'twilio-auth-token': 'Twilio tokens need their account or API key SID in the same file',
};

/**
 * Verification, after the scan: asks each secret's own provider whether it works and who it
 * belongs to, then marks the findings (`verification`), raises live ones to `error` and sorts
 * them first.
 *
 * How the value gets here without passing through a report: findings carry no value, only their
 * path, offsets and fingerprint. Right before asking, each file with verifiable findings is read
 * again, decoded as the scan decoded it, and the value taken at the finding's offsets, only if
 * its fingerprint is still the finding's (a file edited since the scan gives nothing). The
 * values live in the credentials list of this function only: nothing stores them, and the list
 * is dropped when the verdicts come back. Secrets found only in git history (`removed`) are not
 * in the files and are not verified.
 */
export async function addVerification(report: Report, maxFileBytes: number, options: VerifyOptions, signal?: AbortSignal): Promise<void> {
  const byPath = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.category !== 'secret' || !isVerificationRule(f.ruleId) || f.git?.state === 'removed') continue;
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  let credentials: Credential[] = [];
  const root = path.resolve(report.root);
  for (const [relative, findings] of byPath) {
    const absolute = path.resolve(root, relative);
    if (path.relative(root, absolute).startsWith('..')) continue;
    const text = readScannedText(absolute, maxFileBytes);
    if (text !== undefined) credentials.push(...credentialsIn({ text, findings }));
  }
  const keys = new Map(credentials.map((c) => [c.key, c.fingerprints]));
  const run = await verifyCredentials(credentials, options, signal);
  credentials = [];

  const byFingerprint = new Map<string, Verification>();
  const summary = { credentials: run.verdicts.size, live: 0, invalid: 0, unknown: 0 };
  for (const [key, verdict] of run.verdicts) {
    summary[verdict.state]++;
    for (const fingerprint of keys.get(key) ?? []) {
      const earlier = byFingerprint.get(fingerprint);
      if (!earlier || PRECEDENCE[verdict.state] < PRECEDENCE[earlier.state]) byFingerprint.set(fingerprint, verdict);
    }
  }
  for (const f of report.findings) {
    const verdict = byFingerprint.get(f.fingerprint);
    if (!verdict) continue;
    f.verification = { ...verdict };
    if (verdict.state === 'live') f.severity = 'error';
    f.message = `${f.message} (${verificationNote(f)})`;
  }
  // Live credentials first; the rest keep their order.
  report.findings = [
    ...report.findings.filter((f) => f.verification?.state === 'live'),
    ...report.findings.filter((f) => f.verification?.state !== 'live'),
  ];
  report.verification = summary;
  report.notes.push(...run.notes);
  const unpaired = new Map<string, number>();
  for (const f of report.findings)
    if (!f.verification && NEEDS_PARTNER[f.ruleId] && f.git?.state !== 'removed') unpaired.set(f.ruleId, (unpaired.get(f.ruleId) ?? 0) + 1);
  for (const [ruleId, n] of unpaired) report.notes.push(`verification: ${n} not checked: ${NEEDS_PARTNER[ruleId]}`);
}
