import { checkSpec } from '../iac/checkRegistry';
import { compareExposure } from '../secrets/gitExposure';
import type { Finding, GitState } from '../types';
import type { CodeOwners } from './codeOwners';
import { sha256Hex } from '../text/sha256';
import type { Breadth, Identity, IdentityRecord } from './identity';

/**
 * Terraform resources live in a module (the folder); everything else in its file. Findings and
 * identities are matched on this key.
 */
function scopeOf(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.endsWith('.tf') ? p.slice(0, p.lastIndexOf('/') + 1) : p;
}

function breadthOf(record: IdentityRecord, linked: Finding[]): Breadth {
  const permission = linked.filter((f) => f.category === 'permission');
  if (permission.some((f) => f.fix.iac && checkSpec(f.fix.iac.check).grants === 'admin')) return 'admin';
  if (permission.length) return 'wide';
  return record.permissionsDeclared ? 'scoped' : 'unknown';
}

function idOf(path: string, kind: string, name: string): string {
  return sha256Hex(`${path}\0${kind}\0${name}`).slice(0, 16);
}

const contains = (r: IdentityRecord, f: Finding) =>
  f.path === r.path && f.offsets.start >= r.offsets.start && f.offsets.end <= r.offsets.end;

/**
 * Turns what the scans found into the inventory: links each identity to the findings about it
 * (its own resource, its policies and bindings, secrets written inside it), rates its breadth,
 * and adds every secret finding as a static credential. Owners come from tags, then CODEOWNERS.
 */
export function buildInventory(records: IdentityRecord[], findings: Finding[], codeOwners?: CodeOwners): Identity[] {
  const byResource = new Map<string, Finding[]>();
  for (const f of findings) {
    const resource = f.fix.iac?.resource;
    if (!resource) continue;
    const key = `${scopeOf(f.path)}\0${resource}`;
    const list = byResource.get(key);
    if (list) list.push(f);
    else byResource.set(key, [f]);
  }
  const secrets = findings.filter((f) => f.category === 'secret');
  // The secrets of each file, in the order above: an identity looks only at its own file's (the
  // 1 GB bench tree has 96 identities and 3,403 secrets, and each identity tested every secret).
  const secretsByPath = new Map<string, Finding[]>();
  for (const f of secrets) {
    const list = secretsByPath.get(f.path);
    if (list) list.push(f);
    else secretsByPath.set(f.path, [f]);
  }
  const owner = (path: string, tagged?: string): Pick<Identity, 'owner' | 'ownerSource'> => {
    if (tagged) return { owner: tagged, ownerSource: 'tag' };
    const owners = codeOwners?.ownersOf(path) ?? [];
    return owners.length ? { owner: owners.join(' '), ownerSource: 'codeowners' } : { owner: null, ownerSource: 'none' };
  };
  const identities: Identity[] = records.map((r) => {
    const linked = new Map<string, Finding>();
    for (const link of r.links) for (const f of byResource.get(`${scopeOf(r.path)}\0${link}`) ?? []) linked.set(f.fingerprint, f);
    for (const f of secretsByPath.get(r.path) ?? []) if (contains(r, f)) linked.set(f.fingerprint, f);
    const list = [...linked.values()];
    const credential = r.credential !== 'static' && list.some((f) => f.category === 'secret') ? 'static' : r.credential;
    return {
      id: idOf(r.path, r.kind, r.name),
      kind: r.kind,
      name: r.name,
      provider: r.provider,
      path: r.path,
      range: r.range,
      ...owner(r.path, r.owner),
      breadth: breadthOf(r, list),
      credential,
      findings: list.map((f) => f.fingerprint),
      ...mostExposed(list),
    };
  });
  for (const f of secrets) {
    identities.push({
      id: idOf(f.path, 'secret', f.fingerprint),
      kind: 'secret',
      name: `${f.title} ${f.masked}`,
      provider: f.ruleId.split('-')[0],
      path: f.path,
      range: f.range,
      ...owner(f.path),
      breadth: 'unknown',
      credential: 'static',
      findings: [f.fingerprint],
      ...mostExposed([f]),
    });
  }
  return identities.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line || a.kind.localeCompare(b.kind),
  );
}

/** `{ git }` with the most exposed git state of the findings' secrets, or nothing when none has one. */
function mostExposed(findings: Finding[]): Pick<Identity, 'git'> {
  let most: GitState | undefined;
  for (const f of findings) if (f.git && (!most || compareExposure(f.git, most) < 0)) most = f.git;
  return most ? { git: most } : {};
}

/**
 * Who answers for each finding: the owner of the identity it is about (a tagged owner beats
 * CODEOWNERS), else CODEOWNERS for its file; findings nobody owns are absent.
 */
export function findingOwners(identities: Identity[], findings: Finding[], codeOwners?: CodeOwners): Map<string, string> {
  const owners = new Map<string, string>();
  const ranked = [...identities].sort((a, b) => Number(b.ownerSource === 'tag') - Number(a.ownerSource === 'tag'));
  for (const identity of ranked) {
    if (!identity.owner) continue;
    for (const fp of identity.findings) if (!owners.has(fp)) owners.set(fp, identity.owner);
  }
  for (const f of findings) {
    if (owners.has(f.fingerprint)) continue;
    const fromFile = codeOwners?.ownersOf(f.path) ?? [];
    if (fromFile.length) owners.set(f.fingerprint, fromFile.join(' '));
  }
  return owners;
}
