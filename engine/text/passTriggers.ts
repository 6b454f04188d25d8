/**
 * Strings that whole-text passes of a scan look for before doing anything else: the suppression
 * marker, the words every secrets-manager reference and Kubernetes Secret holds, the imports of
 * CDK and Pulumi programs, the keys that mark a JSON or YAML file as infrastructure. Each of
 * those passes read every scanned file in full (an audit of the npm tree spent a tenth of its
 * engine time in them), and almost every file holds none of these strings.
 *
 * The secret scanner's keyword pass reads every character of a file anyway: these strings are
 * keywords of its automaton too (lower-cased, as it reads text), so after that pass a scan knows
 * which of them the file may hold and skips the passes whose string it lacks. A trigger absent
 * from the lower-cased text is absent in every letter case, so a skipped pass would have found
 * nothing: findings are the same.
 */
import type { TextTests } from './keptSearches';

export const PASS_TRIGGERS = [
  // engine/suppression.ts: no marker, no suppression.
  'nhi-lens:ignore',
  // inventory/secretReferences.ts: every reference pattern's match holds one of these (`secretId`,
  // `getSecret(`, `secretKeyRef:`, `…/secrets/…`, `get_secret(`, Vault's `secret/`,
  // `read_secret_version(`, `{{resolve:`, `${{`).
  'secretid',
  'getsecret',
  'secretkeyref',
  '/secrets/',
  'get_secret(',
  'secret/',
  'read_secret_version',
  '{{',
  // secrets/kubernetesSecrets.ts: a Secret manifest says `Secret` after `kind:` or `"kind"`.
  'secret',
  'kind:',
  '"kind"',
  // iac/cdk, iac/pulumi: the imports that make a TypeScript or Python file a program to analyse.
  '-cdk',
  '@pulumi/',
  'pulumi_',
  'aws_cdk',
  // iac/iacScanner.ts `mayBeIac`: a JSON or YAML file is read as IaC only with one of these
  // (`AWSTemplateFormatVersion`, `AWS::`, `Alexa::` for CloudFormation).
  'apiversion',
  '"statement"',
  'assignablescopes',
  'awstemplateformatversion',
  'aws::',
  'alexa::',
  // text/toolFiles.ts `isMcpConfig`, iac/azure/armTemplate.ts `looksLikeArmTemplate`.
  '"mcpservers"',
  'deploymenttemplate.json',
] as const;

export type PassTrigger = (typeof PASS_TRIGGERS)[number];

/**
 * `tests` answered first from a keyword pass: `held(trigger)` is false when the pass saw the
 * trigger nowhere. A substring test whose lower-cased needle is a trigger the text lacks is
 * false without reading the text; every other test is `tests`' own.
 */
export function screenedTests(tests: TextTests, held: (trigger: string) => boolean): TextTests {
  return {
    includes: (needle) => held(needle.toLowerCase()) && tests.includes(needle),
    matches: (pattern, reach) => tests.matches(pattern, reach),
    mayHold: (lowerCased) => held(lowerCased) && tests.mayHold(lowerCased),
  };
}

/**
 * `screenedTests(freshTests(text), held)` as one object with methods: what a scan of a file that
 * is not open asks its text. Every scanned file makes one, and the two objects and six closures
 * of the composed form were a tenth of what a small file's scan allocated.
 */
export class ScreenedText implements TextTests {
  constructor(
    private readonly text: string,
    private readonly held: (trigger: string) => boolean,
  ) {}

  includes(needle: string): boolean {
    return this.held(needle.toLowerCase()) && this.text.includes(needle);
  }

  matches(pattern: RegExp): boolean {
    return this.text.search(pattern) >= 0;
  }

  mayHold(lowerCased: string): boolean {
    return this.held(lowerCased);
  }
}
