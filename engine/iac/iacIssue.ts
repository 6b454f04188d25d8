import type { IamActions } from './aws/iamActions';
/** What the structural analysers report, in offsets; the engine turns these into findings. */
import type { Analyser, CheckId, ChecksOf, IAC_CHECKS } from './checkRegistry';

/** A text replacement in offsets. `{{owner}}` in `newText` stands for the owner to fill in. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A ready edit for the obvious fix (add the owner tag, switch to OIDC), with a title. */
export interface IacEdit {
  title: string;
  edits: OffsetEdit[];
  /** For owner fixes: the format the owner written must have, where it is not free text. */
  ownerFormat?: OwnerFormat;
}

/**
 * What an owner written by an owner fix must look like, where it is not free text: Kubernetes
 * and Google label values have a restricted alphabet, Azure AD owners are object ids.
 */
export type OwnerFormat = 'kubernetes-label' | 'gcp-label' | 'azure-object-id';

interface NarrowFix {
  /** Narrower replacement candidates for a wildcard: actions, verbs, roles. */
  narrower?: string[];
  fix?: never;
}
interface EditFix {
  fix?: IacEdit;
  narrower?: never;
}
interface NoFix {
  narrower?: never;
  fix?: never;
}
/** The quick-fix data an issue may carry: what its check declares in the registry. */
type FixFields<S> = S extends { fix: 'narrow' } ? NarrowFix : S extends { fix: 'edit' } ? EditFix : NoFix;

/** Another offending element of the same statement, rule or binding, shown with the one finding. */
export interface RelatedPlace {
  start: number;
  end: number;
  message: string;
}

interface IssueCore<C extends CheckId> {
  /** The check that fired (a rule's `check`). */
  check: C;
  /** The offending element: the `"*"`, the action, the role name, the resource header. */
  start: number;
  end: number;
  message: string;
  /** The resource, object or job the issue is about, e.g. `aws_iam_role.deploy`. */
  resource: string;
  /** Stable identity of the offending element for the fingerprint (no offsets, no secrets). */
  subject: string;
  /** The other offending elements of the same statement, rule or binding: one finding, not one each. */
  related?: RelatedPlace[];
}

/**
 * One issue an analyser found. `check` is a registry id, so an unknown check does not compile;
 * an analyser returns `IacIssue<ChecksOf<'its-name'>>`, so it can only emit the checks listed
 * for it, with only the quick fix each declares.
 */
export type IacIssue<C extends CheckId = CheckId> = C extends CheckId ? IssueCore<C> & FixFields<(typeof IAC_CHECKS)[C]> : never;

/** What one analyser may report. */
export type IssueFrom<A extends Analyser> = IacIssue<ChecksOf<A>>;

/** IaC settings from `.nhi-lens.yaml` (`iac:`), with defaults applied. */
export interface IacSettings {
  /** Tag/label keys that name an owner; any one of them satisfies the ownership checks. */
  ownerTags: string[];
  /** IAM access levels that count as broad when granted on `Resource: "*"`. */
  broadAccessLevels: Array<'Write' | 'Permissions management' | 'Tagging'>;
  /**
   * Which workloads that mount a ServiceAccount token are reported: `bound`, those whose account a
   * binding in the same file grants a role (the token grants something); `default-service-account`,
   * those on the default account; `all`, any; `off`, none.
   */
  automountServiceAccountToken: 'bound' | 'default-service-account' | 'all' | 'off';
}

/**
 * The keys taken as naming an owner unless `iac.ownerTags` says otherwise: what teams write to say
 * who answers for a resource (an `owner`, the owning `team`, a `maintainer`, a `contact`). The
 * first is the one owner fixes add.
 */
export const DEFAULT_OWNER_TAGS = ['owner', 'team', 'maintainer', 'contact'];

export const DEFAULT_IAC_SETTINGS: IacSettings = {
  ownerTags: DEFAULT_OWNER_TAGS,
  broadAccessLevels: ['Write', 'Permissions management'],
  automountServiceAccountToken: 'bound',
};

/** What an analyser gets besides the file: settings and a way to read sibling module files. */
export interface IacContext {
  settings: IacSettings;
  /** AWS IAM actions, loaded on the first policy analysed. */
  iam: IamActions;
  /**
   * Other `.tf` files and the kustomization of the same folder (for Terraform provider
   * `default_tags`, and labels a kustomization adds to the manifests it lists); may be absent.
   */
  siblingFiles?: (path: string) => Array<{ path: string; text: string }>;
  /**
   * The `.tf` files of a folder (a local module a `module` block calls), given relative to the
   * scanned paths' root or absolute; none outside the workspace. Absent where cross-folder files
   * cannot be read.
   */
  moduleFiles?: (folder: string) => Array<{ path: string; text: string }>;
  /**
   * The other YAML files of a manifest's folder (the bindings that give a workload's
   * ServiceAccount its rights often sit beside it); may be absent.
   */
  siblingManifests?: (path: string) => Array<{ path: string; text: string }>;
}

export interface IacAnalysis {
  issues: IacIssue[];
  /** The first syntax error: reported once, the rest of the file is still analysed. */
  parseError?: { message: string; start: number; end: number };
}

/**
 * Matches a tag key against the configured owner keys, in any case and in the namespaced and
 * qualified forms teams write: `owner` also matches `Owner`, `team.io/owner`, `acme:owner`,
 * `acme.owner`, and `owner-email`/`owner_name`/`team-id` (the key qualified by what it holds).
 */
export function isOwnerKey(key: string, ownerTags: string[]): boolean {
  const k = key.toLowerCase();
  const name = k.slice(Math.max(k.lastIndexOf('/'), k.lastIndexOf(':'), k.lastIndexOf('.')) + 1);
  return ownerTags.some((o) => {
    const t = o.toLowerCase();
    return k === t || name === t || QUALIFIERS.some((q) => name === t + q);
  });
}

/** What a qualified owner key holds: `owner-email`, `team_name`, `contact-id`. */
const QUALIFIERS = ['-name', '_name', '-email', '_email', '-id', '_id'];
