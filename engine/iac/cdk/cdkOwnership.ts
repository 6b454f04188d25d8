/**
 * Owners of the IAM users a CDK stack creates. CDK tags constructs with
 * `Tags.of(scope).add(key, value)`: on the user's variable, or on the stack (`this`) or the app,
 * which tags everything below. A user (a long-lived identity, usually with keys) with neither in
 * its file has no owner. Roles are left out: CDK creates them for nearly every construct and
 * apps usually tag them once in bin/, a file this one cannot see.
 */
import type { IssueFrom } from '../iacIssue';
import { readLiteral } from './tsLiteralReader';
import { keywordMatches, NEW_CALL_RUN } from '../keywordMatches';

export const USER = /\bnew\s+(?:[\w$]+\.)*User\s*\(/g;
/** `new …User(` calls, found from the word `User` (keywordMatches.ts). */
export const userCalls = (text: string) => keywordMatches(text, USER, ['User'], NEW_CALL_RUN);
const TAG = /\bTags\s*\.\s*of\s*\(\s*([\w$.]+)\s*\)\s*\.\s*add\s*\(\s*(['"`])([^'"`]+)\2/g;
/** Scopes that tag the whole stack or app, so every construct of this file. */
const WHOLE_STACK = /^(?:this|scope|app|stack|[\w$]+\.node\.root)$/;

export function cdkOwnershipIssues(text: string, ownerKeys: string[]): IssueFrom<'aws-cdk'>[] {
  // `new iam.User(` of aws-iam, not some other `User` class of the application.
  if (!text.includes('aws-iam') || userCalls(text).next().done) return [];
  const keys = new Set(ownerKeys.map((k) => k.toLowerCase()));
  const ownedScopes = new Set([...text.matchAll(TAG)].filter((t) => keys.has(t[3].toLowerCase())).map((t) => t[1]));
  if ([...ownedScopes].some((scope) => WHOLE_STACK.test(scope))) return [];
  const issues: IssueFrom<'aws-cdk'>[] = [];
  for (const m of userCalls(text)) {
    const variable = /(?:const|let|var|readonly|private|public)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*$/.exec(
      text.slice(Math.max(0, m.index! - 200), m.index!),
    )?.[1];
    if (variable && (ownedScopes.has(variable) || ownedScopes.has(`this.${variable}`))) continue;
    // The construct id (second argument) names the user in messages and fingerprints.
    let at = m.index! + m[0].length;
    at = readLiteral(text, at).end;
    const idMatch = /^\s*,\s*(['"`])([^'"`\n]+)\1/.exec(text.slice(at, at + 200));
    const id = idMatch?.[2] ?? variable ?? 'User';
    issues.push({
      check: 'missing-owner-tag',
      start: m.index!,
      end: m.index! + m[0].replace(/\s*\($/, '').length,
      resource: id,
      subject: id,
      message: `IAM user ${id} has no "${ownerKeys[0] ?? 'owner'}" tag (Tags.of(…).add in this file): nobody is accountable for this identity`,
    });
  }
  return issues;
}
