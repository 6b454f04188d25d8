import { sha256Hex } from '../text/sha256';

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
  // The first 16 bytes of the digest, as hex.
  return sha256Hex(`nhi-lens:v1\0${ruleId}\0${value}`).slice(0, 32);
}
