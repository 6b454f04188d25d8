import type * as Crypto from 'node:crypto';

/** node:crypto, loaded on first use: with the streams it pulls in, a few ms of every start-up. */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:crypto') as typeof Crypto;
}

/**
 * Hides a secret for display: never more than a third of it, and nothing of short values.
 * `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`; PEM blocks show only their header.
 */
export function maskSecret(value: string): string {
  const pem = /^-----BEGIN [A-Z0-9 ]+-----/.exec(value);
  if (pem) return `${pem[0]}…(${value.length} chars)`;
  if (value.startsWith('PuTTY-User-Key-File')) return `PuTTY-User-Key-File…(${value.length} chars)`;
  const n = value.length;
  if (n >= 24) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (n >= 12) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  return '•'.repeat(Math.min(n, 8));
}

/** Stable id of a finding's content: hash of rule id and value; the value cannot be read back. */
export function fingerprintOf(ruleId: string, value: string): string {
  // The first 16 bytes as hex: the same 32 characters as slicing the hex digest, without a view into a 64-character string.
  return crypto().createHash('sha256').update(`nhi-lens:v1\0${ruleId}\0${value}`).digest().subarray(0, 16).toString('hex');
}
