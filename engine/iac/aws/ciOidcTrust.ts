/**
 * Web-identity trust of CI providers whose tokens every customer can mint with the same audience
 * (GitHub Actions' `sts.amazonaws.com`, GitLab's and Terraform Cloud's defaults). For them the
 * audience proves nothing: only the subject (`repo:OWNER/REPO:…`, `project_path:GROUP/…`,
 * `organization:ORG:…`) says whose pipeline it is. A trust that checks only the audience, or
 * whose subject pattern leaves the owner open (`repo:*`), lets a pipeline of any repository on
 * that service assume the role.
 */
import { entryCI, stringsOf, type SourceNode, type StringAt } from '../sourceTree';

/** Issuer hosts whose audience is shared by every customer; the subject scopes the trust. */
const SHARED_AUDIENCE_ISSUERS = /^(token\.actions\.githubusercontent\.com(?:\/[^:]*)?|gitlab\.com|app\.terraform\.io):([\w/-]+)$/i;

/** A subject pattern whose first part (owner, group, organization) is itself a wildcard. */
const ownerOpen = (subject: string) => subject.trim() === '*' || /^[^:]*:[^:/]*[*?]/.test(subject.trim());

export interface OpenCiTrust {
  issuer: string;
  /** Who can assume the role, where it is not "a pipeline of any repository on ISSUER". */
  who?: string;
  /** Where to report: the open subject pattern, else the federated principal or the audience condition. */
  at: { start: number; end: number };
  why: string;
}

/**
 * Why a web-identity trust statement is open to every repository of a shared CI issuer, or
 * undefined when it is scoped (or is not such a trust). `condition` is the statement's
 * Condition (operator → key → values).
 */
export function openCiTrust(principal: SourceNode, condition: SourceNode | undefined): OpenCiTrust | undefined {
  if (condition?.type !== 'map') return undefined;
  const subjects = new Map<string, Array<StringAt & { like: boolean }>>();
  let issuer: string | undefined;
  let audienceAt: { start: number; end: number } | undefined;
  for (const operator of condition.entries) {
    if (operator.value.type !== 'map') continue;
    const like = /like$/i.test(operator.key);
    for (const e of operator.value.entries) {
      const m = SHARED_AUDIENCE_ISSUERS.exec(e.key);
      if (!m) continue;
      issuer = m[1].toLowerCase();
      const claim = m[2].toLowerCase();
      if (claim === 'aud') audienceAt ??= { start: e.keyStart, end: e.keyEnd };
      else if (claim === 'sub') subjects.set(issuer, [...(subjects.get(issuer) ?? []), ...stringsOf(e.value).map((s) => ({ ...s, like }))]);
      // Any other claim (repository, repository_owner, job_workflow_ref) names whose pipeline it is.
      else return undefined;
    }
  }
  if (!issuer) return audienceOnlyEks(condition);
  const subs = subjects.get(issuer);
  if (subs) {
    // Unknown values (a variable) or any pattern that pins the owner: scoped.
    const open = subs.filter((s) => s.like && ownerOpen(s.value));
    if (!open.length) return undefined;
    return { issuer, at: open[0], why: `its subject condition "${open[0].value}" matches a pipeline of any owner on ${issuer}` };
  }
  const federated = stringsOf(entryCI(principal, 'Federated')?.value)[0];
  return {
    issuer,
    at: federated ?? audienceAt ?? principal,
    why: `it checks only the audience, which every ${issuer} customer's tokens carry, not the subject (sub) naming the repository`,
  };
}

/** An EKS cluster's issuer (`oidc.eks.REGION.amazonaws.com/id/…`), or one named by a variable (`${local.oidc_provider}`). */
const EKS_OR_UNKNOWN_ISSUER = /^(?:oidc\.eks\.[\w-]+\.amazonaws\.com\/id\/\w+|.*\$\{[^}]+\}.*):aud$/i;

/**
 * IAM roles for service accounts (IRSA) trusted on the audience only: every token an EKS cluster
 * issues for AWS carries `aud: sts.amazonaws.com`, so without a `:sub` condition
 * (`system:serviceaccount:NS:NAME`) any service account of the cluster can assume the role. Only
 * conditions that are all such audience checks count: any other claim scopes the trust.
 */
function audienceOnlyEks(condition: SourceNode & { type: 'map' }): OpenCiTrust | undefined {
  let audience: { start: number; end: number } | undefined;
  for (const operator of condition.entries) {
    if (operator.value.type !== 'map') return undefined;
    for (const e of operator.value.entries) {
      const values = stringsOf(e.value);
      if (!EKS_OR_UNKNOWN_ISSUER.test(e.key) || !values.length || values.some((v) => v.value !== 'sts.amazonaws.com')) return undefined;
      audience ??= { start: e.keyStart, end: e.keyEnd };
    }
  }
  if (!audience) return undefined;
  return {
    issuer: 'eks',
    who: 'Any service account of the EKS cluster',
    at: audience,
    why: 'it checks only the audience (sts.amazonaws.com), which every service account token of the cluster carries, not the subject (sub: system:serviceaccount:NAMESPACE:NAME)',
  };
}
