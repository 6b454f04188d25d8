import type { Finding, ScanDocument, ScanResult, Severity, SkipNote } from './types';
import type { WorkspaceConfig } from './config/workspaceConfig';
import { Baseline } from './config/baseline';
import { RuleError, type LoadedRule, type RuleDefinition } from './rules/ruleTypes';
import { pathGlobs, type PathGlobs } from './rules/linearGlobs';
import { assignmentAround, pairedEntryName } from './secrets/assignments';
import { fingerprintOf, maskSecret } from './secrets/masking';
import { OutputMask } from './secrets/outputMasking';
import { detached } from './text/detachedText';
import { SecretScanner, compileRule, type Candidate } from './secrets/secretScanner';
import type { KeywordIndexData } from './secrets/keywordIndex';
import type { PatternReadings } from './rules/requiredLiterals';
import type { SecretLineMemo } from './secrets/lineMemo';
import { Suppressions } from './suppression';
import { fileKindOf } from './text/fileKind';
import { isCheckId, type CheckId } from './iac/checkRegistry';
import { unknownCheckProblems } from './rules/checkCoverage';
import { DEFAULT_IAC_SETTINGS, type IacContext, type IacIssue, type IacSettings } from './iac/iacIssue';
import { analyseIac } from './iac/iacScanner';
import { YamlDocumentReuse } from './iac/yamlDocumentReuse';
import { HclBlockReuse } from './iac/hcl/hclBlockReuse';
import { WorkflowJobReuse } from './iac/workflowJobReuse';
import { CloudFormationResourceReuse } from './iac/cloudformation/resourceReuse';
import { KEPT_SITE_CHARS, SiteStore } from './iac/keptSites';
import { IamActions, type IamDataLoader } from './iac/aws/iamActions';
import { LineIndex } from './text/lineIndex';
import { SearchStore } from './text/keptSearches';
import { ScreenedText, screenedTests } from './text/passTriggers';
import type { IdentityDraft, IdentityRecord } from './inventory/identity';
import { secretReferences } from './inventory/secretReferences';
import { docStringRegions } from './secrets/docStrings';
import { typingRehearsal, type Rehearsal } from './typingRehearsal';

/**
 * Where secrets are usually samples: tests, fixtures, examples, documentation. Secret findings
 * there stay visible one severity level lower (config `paths.lowerSeverity`; `[]` turns it off).
 * Generic (name-based) rules do not run there at all (engine/secrets/falsePositives.ts).
 */
export const DEFAULT_LOWER_SEVERITY_PATHS = [
  'test/',
  'tests/',
  '__tests__/',
  '__mocks__/',
  'spec/',
  'specs/',
  'fixture/',
  'fixtures/',
  'testdata/',
  'test-data/',
  'example/',
  'examples/',
  'sample/',
  'samples/',
  'doc/',
  'docs/',
  // A README is documentation wherever it sits (a package's, a role's, a chart's).
  'README',
  'README.*',
  'mock/',
  'mocks/',
  '*.test.*',
  '*.spec.*',
  // Files named for tests (`test.netrc`, `tests.py`, `spec.rb`): generic rules already skip them.
  'test.*',
  'tests.*',
  'spec.*',
  'specs.*',
  '*.example',
  '*.example.*',
  '*.examples.*',
  '*.sample',
  '*.fixture.*',
  '*.mock.*',
  '*_test.go',
  'test_*.py',
  // pytest's other naming convention (`kube_config_test.py` in the Kubernetes Python client).
  '*_test.py',
  '*Test.java',
  '*Tests.java',
  '*Test.kt',
  '*Test.cs',
  '*Tests.cs',
];

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

export const DEFAULT_LIMITS = { maxFileBytes: 5 * 1024 * 1024, maxLineLength: 1_000_000 };
/** The most any config may raise the limits to (the schema says so too; this holds for callers that skip it). */
export const MAX_LIMITS = { maxFileBytes: 64 * 1024 * 1024, maxLineLength: 10_000_000 };

/** Where rule docs live; each rule's anchor is appended. */
export const DOCS_BASE = 'https://github.com/nhi-lens/nhi-lens/blob/main/docs/rules.md';

export interface EngineOptions {
  /**
   * Rule definitions to use (the built-in packs, as the workspace layer reads them); config rules
   * are added to these. A function is called when the rules are first needed, unless the config
   * names a rule (see `Engine.rules`).
   */
  rules: LoadedRule[] | (() => LoadedRule[]);
  config?: WorkspaceConfig;
  baseline?: Baseline;
  /** Reads the other files of a file's folder (Terraform `default_tags` live in sibling files). */
  siblingFiles?: IacContext['siblingFiles'];
  /** Reads the `.tf` files of a local module's folder (owner tags a module takes from its caller). */
  moduleFiles?: IacContext['moduleFiles'];
  /** Reads the other YAML files of a manifest's folder (bindings that give a workload's account rights). */
  siblingManifests?: IacContext['siblingManifests'];
  /** Hands over the AWS IAM action table when a policy is first analysed; without it, level-based checks stay silent. */
  iamData?: IamDataLoader;
  /**
   * The built-in rules' keyword automaton, built at build time (used when it has every keyword the
   * active rules need), or where to get it: asked for when a text is first scanned (never, in a
   * warm cached audit).
   */
  keywordIndex?: KeywordIndexData | (() => KeywordIndexData | undefined);
  /** The built-in rules' patterns read for their prefilters at build time (by pattern text), or where to get them, as above. */
  patternReadings?: PatternReadings | (() => PatternReadings | undefined);
}

/** A rule as the outside world sees it (reports, SARIF metadata, docs). */
export interface RuleInfo {
  definition: RuleDefinition;
  severity: Severity;
  docs: string;
  source: string;
}

export function docsLink(rule: RuleDefinition): string {
  return rule.docs ?? `${DOCS_BASE}#${rule.id}`;
}

/** What an engine derives from its rules and config. */
interface RuleSet {
  rules: RuleInfo[];
  /** Documentation link of each active rule, by id. */
  docs: Map<string, string>;
  /** The rule that reports each IaC check. */
  checkRules: Map<CheckId, RuleInfo>;
  /** The secret rules' scanner (built-in patterns compiled here, a text's first scan). */
  buildSecrets: () => SecretScanner;
}

/**
 * The active rules: `builtin` plus the config's own, less those it disables, at the severity it
 * gives them. Throws on a duplicate id, a rule naming an unknown check or a config pattern that
 * does not compile; pushes the ids the config names that no rule has onto `warnings`.
 */
function activeRules(
  builtin: LoadedRule[],
  config: WorkspaceConfig,
  scanData: Pick<EngineOptions, 'keywordIndex' | 'patternReadings'>,
  warnings: string[],
): RuleSet {
  const loaded = [...builtin, ...(config.rules ?? []).map((definition) => ({ definition, source: '.nhi-lens.yaml' }))];
  const ids = new Set<string>();
  const duplicates = loaded.filter(({ definition }) => ids.has(definition.id) || !ids.add(definition.id));
  if (duplicates.length)
    throw new RuleError(duplicates.map(({ definition, source }) => `${source}: rule "${definition.id}" duplicates an existing rule id`));

  const disabled = new Set(config.disable ?? []);
  for (const [id, o] of Object.entries(config.overrides ?? {})) if (o.enabled === false) disabled.add(id);
  for (const id of [...disabled, ...Object.keys(config.overrides ?? {})]) {
    if (!ids.has(id)) warnings.push(`config names unknown rule "${id}"`);
  }
  const active = loaded.filter(({ definition }) => !disabled.has(definition.id));
  const rules = active.map(({ definition, source }) => ({
    definition,
    source,
    severity: config.overrides?.[definition.id]?.severity ?? definition.severity,
    docs: docsLink(definition),
  }));
  // The workspace's own rules run on the linear-time engine: a repository's pattern cannot stall a scan.
  // They are compiled now, so a bad pattern in the config is an error of the engine's making;
  // the built-in rules (checked when the tool is built) and the keyword automaton are compiled
  // when a text is first scanned (a warm cached audit scans none: bench/RESULTS.md, issue 13).
  const fromWorkspace = new Set(config.rules ?? []);
  const secretRules = rules.filter((r) => r.definition.category === 'secret' && !r.definition.check);
  const workspaceCompiled = new Map(
    secretRules.filter((r) => fromWorkspace.has(r.definition)).map((r) => [r, compileRule(r.definition, r.severity, 'workspace')]),
  );
  const unknownChecks = unknownCheckProblems(loaded);
  if (unknownChecks.length) throw new RuleError(unknownChecks);
  const checkRules = new Map<CheckId, RuleInfo>();
  for (const rule of rules) {
    const check = rule.definition.check;
    if (check && isCheckId(check)) checkRules.set(check, rule);
  }
  const buildSecrets = () => {
    const { keywordIndex, patternReadings } = scanData;
    const readings = typeof patternReadings === 'function' ? patternReadings() : patternReadings;
    return SecretScanner.build(
      secretRules.map((r) => workspaceCompiled.get(r) ?? compileRule(r.definition, r.severity, 'builtin', readings)),
      typeof keywordIndex === 'function' ? keywordIndex() : keywordIndex,
    );
  };
  return { rules, docs: new Map(rules.map((r) => [r.definition.id, r.docs])), checkRules, buildSecrets };
}

/** The detection engine: no editor, no file system walking, just text in and findings out. */
export class Engine {
  /** Non-fatal config problems (unknown rule ids in overrides, ...). */
  readonly warnings: string[] = [];
  /** Built on first use (see `secrets`): an audit whose every file the cache answers for scans nothing. */
  private secretScanner?: SecretScanner;
  /** The active rules and what is derived from them, made on first use (see `rules`). */
  private ruleSet?: RuleSet;
  private readonly makeRuleSet: () => RuleSet;
  private readonly pathIgnore?: PathGlobs;
  /** `paths.lowerSeverity`, off when undefined; the built-in default is compiled when first matched (a warm cached audit matches none). */
  private lowerSeverity: PathGlobs | 'default' | undefined;
  private readonly limits: typeof DEFAULT_LIMITS;
  private readonly baseline: Baseline;
  private readonly iac: IacContext;
  /** The folders the scan under way read files of (through `iac`'s readers); undefined while it read none. */
  private folderReads?: Set<string>;
  /**
   * YAML documents, workflow jobs, template resources, top-level HCL blocks and CDK/Pulumi call sites of files scanned
   * with a memo (open in the editor), reused across their scans.
   */
  private readonly reuse = {
    yaml: new YamlDocumentReuse(),
    hcl: new HclBlockReuse(),
    jobs: new WorkflowJobReuse(),
    resources: new CloudFormationResourceReuse(),
    sites: new SiteStore(KEPT_SITE_CHARS),
    searches: new SearchStore(),
  };

  constructor(options: EngineOptions) {
    const config = options.config ?? {};
    this.makeRuleSet = () =>
      activeRules(typeof options.rules === 'function' ? options.rules() : options.rules, config, options, this.warnings);
    // The rules are checked against the config at once when it names any (its own rules, ids it
    // disables or overrides): a bad pattern fails the run before any file is read, and its
    // warnings are known from the start. Otherwise there is nothing in them to check that the
    // build has not (duplicate ids, unknown checks), and built-in rules given as a function are
    // read when first needed: a warm cached audit with a JSON report never needs them (~5 ms and
    // the garbage of 447 parsed rules, bench/RESULTS.md, issue 13).
    const configNamesRules = !!(config.rules?.length || config.disable?.length || Object.keys(config.overrides ?? {}).length);
    if (typeof options.rules !== 'function' || configNamesRules) this.ruleSet = this.makeRuleSet();
    // The config's globs are matched in linear time like its patterns (engine/rules/linearGlobs.ts).
    this.pathIgnore = config.paths?.ignore?.length ? pathGlobs(config.paths.ignore, 'workspace') : undefined;
    const lower = config.paths?.lowerSeverity;
    // A workspace's own globs are compiled now, like its patterns: a bad one is an error of the engine's making.
    this.lowerSeverity = lower === undefined ? 'default' : lower.length ? pathGlobs(lower, 'workspace') : undefined;
    this.limits = {
      maxFileBytes: Math.min(config.limits?.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes, MAX_LIMITS.maxFileBytes),
      maxLineLength: Math.min(config.limits?.maxLineLength ?? DEFAULT_LIMITS.maxLineLength, MAX_LIMITS.maxLineLength),
    };
    this.baseline = options.baseline ?? new Baseline();
    const settings: IacSettings = { ...DEFAULT_IAC_SETTINGS, ...config.iac };
    // Each read beside the scanned file is noted: the result depends on that folder's files too (`ScanResult.reads`).
    const noted = (folder: string) => (this.folderReads ??= new Set()).add(folder);
    const { siblingFiles, moduleFiles, siblingManifests } = options;
    this.iac = {
      settings,
      siblingFiles: siblingFiles && ((path) => (noted(folderOf(path)), siblingFiles(path))),
      moduleFiles: moduleFiles && ((folder) => (noted(folder), moduleFiles(folder))),
      siblingManifests: siblingManifests && ((path) => (noted(folderOf(path)), siblingManifests(path))),
      iam: IamActions.of(options.iamData),
    };
  }

  private get lowerSeverityPaths(): PathGlobs | undefined {
    if (this.lowerSeverity === 'default') this.lowerSeverity = pathGlobs(DEFAULT_LOWER_SEVERITY_PATHS, 'builtin');
    return this.lowerSeverity;
  }

  /** The active rules: the built-in ones as the config changes them, and the config's own. */
  get rules(): RuleInfo[] {
    return this.activeRules.rules;
  }

  private get activeRules(): RuleSet {
    return (this.ruleSet ??= this.makeRuleSet());
  }

  private get checkRules(): Map<CheckId, RuleInfo> {
    return this.activeRules.checkRules;
  }

  /** The secret rules' scanner, built on first use. */
  private get secrets(): SecretScanner {
    return (this.secretScanner ??= this.activeRules.buildSecrets());
  }

  /**
   * A rehearsal of typing into an open document whose last scan was with `memo` (see
   * typingRehearsal.ts): its steps scan the document with typed characters, through `memo` and
   * the parses kept for its path, and leave both as after a scan of `document`. Undefined when a
   * document of its family was rehearsed in this process, or it was not scanned with `memo`.
   */
  rehearsal(document: ScanDocument, memo: SecretLineMemo): Rehearsal | undefined {
    return typingRehearsal(document.text, memo.family, (text) => void this.scan({ path: document.path, text }, { memo }));
  }

  /** True when config `paths.ignore` excludes this workspace-relative path. */
  isIgnoredPath(relativePath: string): boolean {
    if (!this.pathIgnore) return false; // asked of every walked file: most configs ignore nothing
    const p = relativePath.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    return p !== '' && !p.startsWith('..') && this.pathIgnore.ignores(p);
  }

  /** True when config `paths.lowerSeverity` (by default: tests, fixtures, examples, docs) covers this path. */
  isLowerSeverityPath(relativePath: string): boolean {
    const p = relativePath.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    return !!this.lowerSeverityPaths && p !== '' && !p.startsWith('..') && this.lowerSeverityPaths.ignores(p);
  }

  get maxFileBytes(): number {
    return this.limits.maxFileBytes;
  }

  /**
   * Why content of this size and beginning is not scanned, or undefined when it is: the one
   * size and binary guard, which callers apply before reading or decoding a whole file.
   * `head` is the start of the content (bytes or text); its first 8 KiB are enough.
   */
  skipReason(size: number, head: string | Uint8Array): string | undefined {
    if (size > this.limits.maxFileBytes) return `file larger than ${Math.round(this.limits.maxFileBytes / 1024)} KiB not scanned`;
    if (looksBinary(head)) return 'binary file not scanned';
    return undefined;
  }

  /**
   * Scans one document. Never throws on content: bad input is skipped with a reason.
   * With `inventory`, also returns the identities and secret references the file declares.
   * With `memo` (one per open document, kept by the caller), lines unchanged since the last scan
   * of that document are not matched again by the one-line secret rules, and the YAML documents,
   * workflow jobs and top-level Terraform blocks unchanged since the last scan of its path are not
   * parsed again: same result, less work.
   */
  scan(document: ScanDocument, options: { inventory?: boolean; memo?: SecretLineMemo } = {}): ScanResult {
    this.folderReads = undefined;
    const result = this.scanDocument(document, options);
    if (this.folderReads) {
      result.reads = [...this.folderReads].sort();
      this.folderReads = undefined;
    }
    return result;
  }

  private scanDocument(document: ScanDocument, options: { inventory?: boolean; memo?: SecretLineMemo }): ScanResult {
    const { path, text } = document;
    if (this.isIgnoredPath(path)) return emptyResult(path);
    const unscannable = this.skipReason(text.length, text);
    if (unscannable) return emptyResult(path, unscannable);
    const skipped: SkipNote[] = [];
    const kind = fileKindOf(path);
    // The secret scan comes first: its keyword pass tells which of the strings the other
    // whole-text passes look for the file may hold (text/passTriggers.ts), and those it lacks
    // are not searched for. A file that ignores itself (rare) costs that scan for nothing.
    const { candidates, held } = this.secrets.scanFile(text, path, kind, this.limits.maxLineLength, skipped, options.memo);
    // An open document's whole-text tests are answered around the edit (text/keptSearches.ts).
    const tests = options.memo ? screenedTests(this.reuse.searches.scan(path, text), held) : new ScreenedText(text, held);
    const suppressions = new Suppressions(text, tests);
    if (suppressions.fileIgnored) return emptyResult(path, 'nhi-lens:ignore-file');

    const analysis =
      this.checkRules.size || options.inventory
        ? analyseIac(text, path, kind, this.iac, options.inventory, options.memo && this.reuse, tests)
        : undefined;
    if (options.memo) options.memo.family = `${kind}:${analysis?.kind ?? ''}`;
    const drafts: IdentityDraft[] | undefined = options.inventory
      ? inventoryDrafts(analysis?.identities, secretReferences(text, tests))
      : undefined;
    if (!candidates.length && !analysis?.issues.length && !analysis?.parseError && !drafts?.length)
      // Nothing found: nothing to mask.
      return drafts ? { findings: [], suppressed: 0, skipped, identities: [] } : { findings: [], suppressed: 0, skipped };
    const lines = new LineIndex(text);
    const findings: Finding[] = [];
    let suppressed = 0;
    const lowered = candidates.length > 0 && this.isLowerSeverityPath(path);
    // Documentation strings of a Python module (Ansible's EXAMPLES) count as docs, unless lowering is off.
    const docRegions = candidates.length && !lowered && kind === 'python' && this.lowerSeverityPaths ? docStringRegions(text) : [];
    for (const c of candidates) {
      const range = lines.rangeAt(c.start, c.end);
      if (suppressions.isSuppressed(range.start.line, c.rule.definition.id)) {
        suppressed++;
        continue;
      }
      const finding = this.toFinding(c, path, text, lines, range, kind, options.memo);
      if (lowered || docRegions.some(([from, to]) => c.start >= from && c.end <= to)) finding.severity = LOWER[finding.severity];
      findings.push(finding);
    }
    for (const issue of analysis?.issues ?? []) {
      const rule = this.checkRules.get(issue.check);
      if (!rule) continue;
      const range = lines.rangeAt(issue.start, issue.end);
      if (suppressions.isSuppressed(range.start.line, rule.definition.id)) {
        suppressed++;
        continue;
      }
      findings.push(this.iacFinding(issue, rule, path, text, lines, kind));
    }
    if (analysis?.parseError) {
      skipped.push({
        path,
        reason: `${analysis.parseError.message} (the rest of the file was still analysed)`,
        line: lines.rangeAt(analysis.parseError.start, analysis.parseError.end).start.line,
      });
    }
    findings.sort((a, b) => a.offsets.start - b.offsets.start || a.ruleId.localeCompare(b.ruleId));
    const identities: IdentityRecord[] | undefined = drafts?.map(({ start, end, ...d }) => ({
      ...d,
      path,
      range: lines.rangeAt(start, end),
      offsets: { start, end },
    }));
    return sealed({ findings, suppressed, skipped, ...(identities ? { identities } : {}) }, new OutputMask(candidates.map((c) => c.value)));
  }

  private iacFinding(
    issue: IacIssue,
    rule: RuleInfo,
    path: string,
    text: string,
    lines: LineIndex,
    kind: Finding['fix']['fileKind'],
  ): Finding {
    const def = rule.definition;
    const element = text.slice(issue.start, issue.end).replace(/\s+/g, ' ');
    const finding: Finding = {
      ruleId: def.id,
      title: def.title,
      category: def.category,
      severity: rule.severity,
      message: issue.message,
      path,
      range: lines.rangeAt(issue.start, issue.end),
      offsets: { start: issue.start, end: issue.end },
      // IaC elements are not secrets: show them, shortened.
      masked: element.length > 60 ? `${element.slice(0, 57)}…` : element,
      fingerprint: fingerprintOf(def.id, issue.subject),
      remediation: def.remediation,
      docs: rule.docs,
      ...(issue.related?.length
        ? {
            related: issue.related.map((r) => ({
              range: lines.rangeAt(r.start, r.end),
              offsets: { start: r.start, end: r.end },
              message: r.message,
            })),
          }
        : {}),
      fix: {
        fileKind: kind,
        iac: {
          check: issue.check,
          resource: issue.resource,
          ...(issue.narrower ? { narrower: issue.narrower } : {}),
          ...(issue.fix
            ? {
                fix: {
                  title: issue.fix.title,
                  edits: issue.fix.edits.map((e) => ({ range: lines.rangeAt(e.start, e.end), newText: e.newText })),
                  ...(issue.fix.ownerFormat ? { ownerFormat: issue.fix.ownerFormat } : {}),
                },
              }
            : {}),
        },
      },
    };
    if (this.baseline.has(finding)) finding.baselined = true;
    return finding;
  }

  private toFinding(
    c: Candidate,
    path: string,
    text: string,
    lines: LineIndex,
    range: Finding['range'],
    kind: Finding['fix']['fileKind'],
    memo?: SecretLineMemo,
  ): Finding {
    const def = c.rule.definition;
    const lineStart = lines.lineStart(range.start.line);
    // The next line's start, not a search: a minified line is a megabyte long and holds hundreds of findings.
    const nextLine = lines.nextLineStart(range.start.line);
    const lineEnd = nextLine !== undefined ? nextLine - 1 : text.length;
    // Only the text next to the value can name it; a minified line holds thousands of assignments.
    const from = Math.max(lineStart, c.start - 512);
    const to = Math.min(lineEnd, c.end + 512);
    const named = (): { keyName?: string; quote?: string } => {
      const { keyName, quote } = assignmentAround(text.slice(from, to), c.start - from, c.end - from);
      return { keyName: keyName === undefined ? undefined : detached(keyName), quote };
    };
    // An open document's findings away from the edit were named at the last scan (the same text).
    const around: { keyName?: string; quote?: string } =
      c.end > lineEnd ? {} : { ...(memo ? memo.around(from, to, c.start, c.end, named) : named()) };
    if (c.keyName) around.keyName = c.keyName;
    if (around.keyName && /^value$/i.test(around.keyName)) around.keyName = pairedEntryName(text, c.start) ?? around.keyName;
    const masked = maskSecret(c.value);
    const finding: Finding = {
      ruleId: def.id,
      title: def.title,
      category: def.category,
      severity: c.rule.severity,
      message: `${def.title}: ${masked}${around.keyName ? ` in "${around.keyName}"` : ''}`,
      path,
      range,
      offsets: { start: c.start, end: c.end },
      masked,
      fingerprint: fingerprintOf(def.id, c.value),
      remediation: def.remediation,
      docs: this.activeRules.docs.get(def.id) ?? docsLink(def), // one string per rule, not one per finding
      fix: { fileKind: kind, ...around },
    };
    if (this.baseline.has(finding)) finding.baselined = true;
    return finding;
  }
}

/** A file's identities, then its secret references (most files have neither: no new array then). */
function inventoryDrafts(identities: readonly IdentityDraft[] | undefined, references: IdentityDraft[]): IdentityDraft[] {
  if (!identities?.length) return references;
  return references.length ? [...identities, ...references] : [...identities];
}

/** The folder of a scanned path, as the paths are written ('' for one at the root). */
function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut || 1);
}

/** The result of a scan that found nothing, with why the file was not scanned (when it was not). */
function emptyResult(path: string, reason?: string): ScanResult {
  return { findings: [], suppressed: 0, skipped: reason ? [{ path, reason }] : [] };
}

/**
 * Every text of a scan result that could quote the file (messages, IaC excerpts, names, skip
 * reasons from parsers) passes the file's output mask before it leaves the engine, and is
 * detached from the file's text, so a kept finding does not keep the whole file in memory.
 */
function sealed(result: ScanResult, mask: OutputMask): ScanResult {
  const out = mask.empty ? detached : (text: string) => detached(mask.apply(text));
  for (const f of result.findings) {
    f.message = out(f.message);
    f.masked = out(f.masked);
    if (f.related) f.related = f.related.map((r) => ({ ...r, message: out(r.message) }));
    if (f.fix.keyName) f.fix.keyName = out(f.fix.keyName);
    const iac = f.fix.iac;
    if (iac) {
      iac.resource = out(iac.resource);
      if (iac.narrower) iac.narrower = iac.narrower.map(detached); // edit text: detached, never altered
      if (iac.fix)
        iac.fix = {
          ...iac.fix,
          title: out(iac.fix.title),
          edits: iac.fix.edits.map((e) => ({ range: e.range, newText: detached(e.newText) })),
        };
    }
  }
  for (const note of result.skipped) note.reason = out(note.reason);
  for (const identity of result.identities ?? []) {
    identity.name = out(identity.name);
    identity.provider = detached(identity.provider);
    identity.links = identity.links.map(out); // masked like `fix.iac.resource`, which they are matched against
    if (identity.owner) identity.owner = detached(identity.owner);
  }
  return result;
}

/** NUL characters do not occur in text files; one in the first 8 KiB marks the file binary. */
export function looksBinary(head: string | Uint8Array): boolean {
  return typeof head === 'string' ? head.slice(0, 8192).includes('\0') : head.subarray(0, 8192).includes(0);
}
