import type { Finding, OffsetEdit, OwnerFormat } from '..';
import { OWNER_PLACEHOLDER } from '../iac/textEdits';
import { LineIndex } from '../text/lineIndex';
import { narrowChoices, type RelatedIam } from './narrowChoices';
import type { RelatedSecrets } from './referencedSecrets';
import { withTrustNotes } from './oidcTrust';
import { narrowEdit } from './narrowEdit';
import { secretKeyName } from './secretName';
import { secretReplacement, type SecretsManager } from './secretReplacement';
import { canComment, suppressFileEdit, suppressLineEdit } from './suppressionEdits';

/** What a fix does; the editor shows every kind, `nhi-lens fix` applies the safe ones. */
export type FixKind =
  /** The literal becomes a read from the secrets manager or the environment, in the file's idiom. */
  | 'secret-to-manager'
  /** A `.env`-style or key file is added to `.gitignore` (it stays local; the value stays in it). */
  | 'ignore-env-file'
  /** The IaC resource gets an owner tag or label. */
  | 'owner-tag'
  /** A CI login step switches from a static cloud key to OIDC federation. */
  | 'oidc'
  /** Another ready IaC edit (read-only token permissions, no service-account token mount). */
  | 'iac-edit'
  /** A wildcard becomes a list of narrower values, which a person has to choose from. */
  | 'narrow'
  | 'suppress-line'
  | 'suppress-file';

/** One way to fix one finding, as data: edits in offsets of the text it was computed for. */
export interface FixProposal {
  kind: FixKind;
  title: string;
  /** The fix an editor offers first. */
  preferred: boolean;
  /**
   * Applying it needs no choice from a person and keeps the file working (once the secret is
   * stored where the new reference reads it): `nhi-lens fix` applies only these.
   */
  safe: boolean;
  /** Edits in the finding's file, non-overlapping, in offsets of the text passed in. */
  edits: OffsetEdit[];
  /** A line to add to the workspace `.gitignore` (the `ignore-env-file` fix). */
  gitignoreLine?: string;
  /**
   * What the edits leave as placeholders for a person to fill in (`owner`, `<account-id>`):
   * a proposal with needs must not be written unattended.
   */
  needs?: string[];
  /**
   * Set when the edits were not computed (`deferSecretRewrite`): `secretFix` computes them
   * when the fix is picked. The title and kind are already the final ones.
   */
  deferred?: boolean;
  /**
   * Where a `secret-to-manager` rewrite reads the secret from: `env` when the file's language
   * has no idiom for the configured manager (the title says so).
   */
  reads?: SecretsManager;
}

/** What a fix needs to know about its finding: what an editor diagnostic carries too. */
export type FixTarget = Pick<Finding, 'ruleId' | 'category' | 'path' | 'offsets' | 'fix'>;

export interface FixOptions {
  /** Where secrets should be read from. */
  manager: SecretsManager;
  /**
   * The owner to write into owner tags; a function is called only when an owner fix exists.
   * Absent or empty: the owner fix keeps its placeholder and `needs: ['owner']`.
   */
  owner?: string | (() => string | undefined);
  /** The editor computes the secret rewrite only for the action the user picks. */
  deferSecretRewrite?: boolean;
  /** Secrets the workspace's other files reference (read by the caller), asked only for a secret finding. */
  related?: () => RelatedSecrets;
  /** What the files beside this one grant and manage, asked only for an AWS wildcard's narrowing. */
  relatedIam?: () => RelatedIam;
  /** The GitHub repository (`owner/repo`) of the workspace, from its git remote: asked only for an OIDC switch. */
  repository?: () => string | undefined;
}

const CHECK_KIND: Record<string, FixKind> = { 'gha-static-cloud-credentials': 'oidc' };

/** `<account-id>`-style placeholders that a ready IaC edit asks a person to replace. */
const ANGLE_PLACEHOLDER = /<[A-Za-z][\w.-]*>/g;

/** The line ending a text mostly uses, so inserted lines match it. */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

function withLineEnding(edits: OffsetEdit[], eol: '\n' | '\r\n'): OffsetEdit[] {
  if (eol === '\n') return edits;
  return edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') }));
}

/**
 * The rewrite of a hardcoded secret into a read from `manager`, in the idiom of the file, or
 * undefined when the file has no idiom for it.
 */
export function secretFix(finding: FixTarget, text: string, manager: SecretsManager, related?: RelatedSecrets): FixProposal | undefined {
  // A literal passed straight to a call has no name: the rule names it (STRIPE_SECRET_KEY).
  const fix = { ...finding.fix, keyName: secretKeyName(text, finding.offsets.start, finding.fix.keyName) ?? finding.ruleId };
  const plan = secretReplacement(
    { path: finding.path, text, start: finding.offsets.start, end: finding.offsets.end, fix },
    manager,
    related,
  );
  if (!plan) return undefined;
  if (plan.gitignoreLine !== undefined && !plan.edits.length) {
    // Hides the file from git and from audits that honour .gitignore, but the value stays in it.
    return { kind: 'ignore-env-file', title: plan.title, preferred: true, safe: false, edits: [], gitignoreLine: plan.gitignoreLine };
  }
  return {
    kind: 'secret-to-manager',
    title: plan.title,
    preferred: true,
    safe: true,
    edits: withLineEnding(plan.edits, lineEndingOf(text)),
    reads: plan.manager,
    ...(plan.gitignoreLine !== undefined ? { gitignoreLine: plan.gitignoreLine } : {}),
  };
}

const OWNER_FORMATS: Record<OwnerFormat, { valid: RegExp; what: string }> = {
  'kubernetes-label': {
    valid: /^(?=.{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
    what: 'a Kubernetes label value (letters, digits, "-", "_", ".", at most 63)',
  },
  'gcp-label': { valid: /^[a-z0-9_-]{1,63}$/, what: 'a Google Cloud label value (lowercase letters, digits, "-", "_", at most 63)' },
  'azure-object-id': {
    valid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    what: 'an Azure AD object id (a GUID)',
  },
};

/** YAML reads these plain scalars as something other than a string. */
const YAML_NON_STRING = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[\d.]+(?:e[-+]?\d+)?)$/i;

/**
 * The owner written where the edit holds the placeholder: escaped inside a quoted string,
 * else as a YAML plain scalar when it reads back as the same string, else double-quoted.
 */
function fillOwner(newText: string, owner: string): string {
  const quotedInside = JSON.stringify(owner).slice(1, -1);
  const bare = /^[A-Za-z0-9_][\w./@+-]*$/.test(owner) && !YAML_NON_STRING.test(owner) ? owner : JSON.stringify(owner);
  return newText
    .split(`"${OWNER_PLACEHOLDER}"`)
    .map((part) => part.split(OWNER_PLACEHOLDER).join(bare))
    .join(`"${quotedInside}"`);
}

/** The finding's ready IaC edit (owner tag, OIDC, …) in offsets, with the owner filled in. */
function iacFix(finding: FixTarget, text: string, lines: LineIndex, options: FixOptions): FixProposal | undefined {
  const iac = finding.fix.iac;
  if (!iac?.fix) return undefined;
  const edits: OffsetEdit[] = iac.fix.edits.map((e) => ({
    start: lines.offsetAt(e.range.start, text.length),
    end: lines.offsetAt(e.range.end, text.length),
    newText: e.newText,
  }));
  const eol = lineEndingOf(text);
  if (edits.some((e) => e.newText.includes(OWNER_PLACEHOLDER))) {
    const owner = (typeof options.owner === 'function' ? options.owner() : options.owner)?.trim();
    const format = iac.fix.ownerFormat && OWNER_FORMATS[iac.fix.ownerFormat];
    // An owner that does not fit is still written (an editor user sees and edits it) but flagged.
    const needs = !owner ? ['owner'] : format && !format.valid.test(owner) ? [`an owner that is ${format.what}`] : [];
    return {
      kind: 'owner-tag',
      title: iac.fix.title,
      preferred: true,
      safe: true,
      edits: withLineEnding(owner ? edits.map((e) => ({ ...e, newText: fillOwner(e.newText, owner) })) : edits, eol),
      ...(needs.length ? { needs } : {}),
    };
  }
  const kind = CHECK_KIND[iac.check] ?? 'iac-edit';
  const needs = [...new Set(edits.flatMap((e) => e.newText.match(ANGLE_PLACEHOLDER) ?? []))];
  // The notes' placeholders describe the cloud side, in comments: nothing the file needs filled in.
  if (kind === 'oidc') edits.splice(0, edits.length, ...withTrustNotes(edits, text, options.repository?.()));
  return {
    kind,
    title: iac.fix.title,
    preferred: true,
    // Read-only permissions or no token mount can break a job or pod that needed them.
    safe: kind === 'oidc',
    edits: withLineEnding(edits, eol),
    ...(needs.length ? { needs } : {}),
  };
}

/**
 * Every fix for one finding in `text` (the text the finding was computed on), in the order an
 * editor lists them. The baseline and store-command actions are editor commands, not edits,
 * and are not included.
 */
export function fixesFor(finding: FixTarget, text: string, options: FixOptions): FixProposal[] {
  const proposals: FixProposal[] = [];
  const eol = lineEndingOf(text);
  if (finding.category === 'secret') {
    // Computed even when deferred: whether a rewrite exists, and what it reads from, decide
    // the menu (no no-op entry, no title promising a manager the rewrite does not use).
    const secret = secretFix(finding, text, options.manager, options.related?.());
    if (secret) proposals.push(options.deferSecretRewrite ? { ...secret, edits: [], deferred: true } : secret);
  }
  const lines = new LineIndex(text);
  const ready = iacFix(finding, text, lines, options);
  if (ready) proposals.push(ready);
  // A choice per candidate set; preferred only when the candidates are certain.
  for (const choice of narrowChoices(finding, text, options.relatedIam)) {
    const at = choice.at ?? finding.offsets;
    const narrow = narrowEdit(text, at.start, at.end, choice.values);
    if (narrow)
      proposals.push({
        kind: 'narrow',
        title: choice.title,
        preferred: choice.preferred && !ready,
        safe: false,
        edits: withLineEnding([narrow], eol),
      });
  }
  const kind = finding.fix.fileKind;
  if (canComment(kind)) {
    const line = suppressLineEdit(text, kind, finding.offsets.start, finding.ruleId);
    if (line)
      proposals.push({
        kind: 'suppress-line',
        title: `Suppress ${finding.ruleId} on this line (edit the reason)`,
        preferred: false,
        safe: false,
        edits: withLineEnding([line], eol),
      });
    const file = suppressFileEdit(text, kind, finding.ruleId);
    if (file)
      proposals.push({
        kind: 'suppress-file',
        title: `Suppress ${finding.ruleId} in this file`,
        preferred: false,
        safe: false,
        edits: withLineEnding([file], eol),
      });
  }
  return proposals;
}
