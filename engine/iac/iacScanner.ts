import type { FileKind } from '../types';
import { analysePolicy, collectActions } from './aws/policyAnalyzer';
import { analyseAzureRoleDefinition, isAzureRoleDefinition } from './azure/roleDefinitionAnalyzer';
import { analyseCloudFormation } from './cloudformation/cloudFormationAnalyzer';
import { analyseWorkflow } from './githubActions/workflowAnalyzer';
import { analyseGitlabCi, isGitlabCiPath } from './gitlabCi/gitlabCiAnalyzer';
import type { IacAnalysis, IacContext, IacIssue } from './iacIssue';
import { analyseKubernetes } from './kubernetes/kubernetesAnalyzer';
import { entry, get, stringValue, type SourceNode } from './sourceTree';
import { analyseTerraform } from './terraform/terraformAnalyzer';
import { TerraformFile } from './terraform/terraformModule';
import { isTerraformJsonPath, parseTerraformJson } from './terraform/terraformJson';
import { parseYamlSource } from './yamlSource';
import type { YamlDocumentReuse } from './yamlDocumentReuse';
import type { HclBlockReuse } from './hcl/hclBlockReuse';
import type { WorkflowJobReuse } from './workflowJobReuse';
import type { CloudFormationResourceReuse } from './cloudformation/resourceReuse';
import type { SiteStore } from './keptSites';
import { freshTests, type TextTests } from '../text/keptSearches';
import type { IdentityDraft } from '../inventory/identity';
import { agentIdentities } from '../inventory/agentIdentities';
import { isActionMetadataPath, isMcpConfig, isWorkflowPath, looksLikeCloudFormation } from '../text/toolFiles';
import { cloudFormationIdentities, kubernetesIdentities } from '../inventory/manifestIdentities';
import { terraformIdentities } from '../inventory/terraformIdentities';
import { workflowIdentities } from '../inventory/workflowIdentities';
import { analyseOtherLanguage } from './otherLanguages';
import { analyseServerless } from './serverless/serverlessAnalyzer';

/** The structured file kinds the IaC analysers understand. */
export type IacKind =
  | 'terraform'
  | 'cloudformation'
  | 'kubernetes'
  | 'github-workflow'
  | 'gitlab-ci'
  | 'iam-policy'
  | 'azure-role-definition'
  | 'helm-template'
  | 'pulumi'
  | 'aws-cdk'
  | 'arm-template'
  | 'bicep'
  | 'serverless'
  | 'ansible';

const isServerlessPath = (path: string) => /(?:^|[\\/])serverless\.ya?ml$/.test(path);

/**
 * Cheap test on path and text before any parsing: most files are not IaC. `tests` (a scan's, which
 * may know from its keyword pass that the text lacks a string) answers the substring tests.
 */
export function mayBeIac(path: string, kind: FileKind, text: string, tests: TextTests = freshTests(text)): boolean {
  if (kind === 'terraform') return path.endsWith('.tf');
  if (kind !== 'yaml' && kind !== 'json') return false;
  return (
    isWorkflowPath(path) ||
    isActionMetadataPath(path) ||
    isGitlabCiPath(path) ||
    isServerlessPath(path) ||
    // Every match of the CloudFormation test holds one of these.
    ((tests.mayHold('awstemplateformatversion') || tests.mayHold('aws::') || tests.mayHold('alexa::')) && looksLikeCloudFormation(text)) ||
    (tests.includes('apiVersion') && text.includes('kind')) ||
    tests.includes('"Statement"') ||
    (tests.mayHold('assignablescopes') && /assignablescopes/i.test(text))
  );
}

function classify(path: string, doc: SourceNode, all: SourceNode[]): IacKind | undefined {
  if (isWorkflowPath(path) || isActionMetadataPath(path)) return 'github-workflow';
  if (isGitlabCiPath(path)) return 'gitlab-ci';
  if (isServerlessPath(path) && get(doc, 'provider')?.type === 'map') return 'serverless';
  if (
    get(doc, 'AWSTemplateFormatVersion') ||
    (get(doc, 'Resources')?.type === 'map' &&
      (get(doc, 'Resources') as { entries: { value: SourceNode }[] }).entries.some((e) =>
        /^(?:AWS|Alexa)::/.test(stringValue(get(e.value, 'Type')) ?? ''),
      ))
  )
    return 'cloudformation';
  if (all.some((d) => stringValue(get(d, 'apiVersion')) && stringValue(get(d, 'kind')))) return 'kubernetes';
  if (entry(doc, 'Statement') && (entry(doc, 'Version') || doc.type === 'map')) return 'iam-policy';
  if (isAzureRoleDefinition(doc)) return 'azure-role-definition';
  return undefined;
}

/** What is kept between scans of files open in the editor (see `analyseIac`). */
export interface IacReuse {
  yaml: YamlDocumentReuse;
  hcl: HclBlockReuse;
  jobs: WorkflowJobReuse;
  resources?: CloudFormationResourceReuse;
  sites?: SiteStore;
}

/** The analysis and how the file was read, plus the identities it declares when the inventory was asked for. */
export type IacScan = IacAnalysis & { kind?: IacKind; identities?: IdentityDraft[] };

/**
 * Runs the structural analysers on one file. Returns undefined when the file is not IaC.
 * A syntax error yields `parseError` and whatever could be read is still analysed.
 * With `inventory`, the same parse also yields the identities the file declares.
 * With `reuse` (for a file scanned again and again, as in the editor), YAML documents, workflow
 * jobs, template resources and top-level HCL blocks unchanged since the last scan of `path` are not parsed again, nor
 * the unchanged call sites of CDK and Pulumi programs read again; the result is the same.
 */
export function analyseIac(
  text: string,
  path: string,
  kind: FileKind,
  ctx: IacContext,
  inventory = false,
  reuse?: IacReuse,
  tests: TextTests = freshTests(text),
): IacScan | undefined {
  if (inventory && kind === 'json' && isMcpConfig(path, tests)) {
    const config = parseYamlSource(text).documents[0];
    return { issues: [], identities: config ? agentIdentities(config) : [] };
  }
  const other = analyseOtherLanguage(text, path, kind, ctx, inventory, reuse?.sites, tests);
  if (other) return other;
  if (kind === 'json' && isTerraformJsonPath(path)) {
    const file = new TerraformFile(text, parseTerraformJson(text));
    const analysis = analyseTerraform(file, path, ctx);
    // The quick fixes write HCL, or replace text that here sits inside JSON strings: none applies.
    const issues = analysis.issues.map(({ fix: _fix, narrower: _narrower, ...issue }) => issue as IacIssue);
    const parseError = analysis.parseError && {
      ...analysis.parseError,
      message: analysis.parseError.message.replace('Terraform', 'Terraform JSON'),
    };
    return {
      issues,
      parseError,
      kind: 'terraform',
      ...(inventory ? { identities: terraformIdentities(file, ctx.settings.ownerTags) } : {}),
    };
  }
  if (!mayBeIac(path, kind, text, tests)) return undefined;
  if (kind === 'terraform') {
    const file = new TerraformFile(text, reuse ? reuse.hcl.parse(path, text) : undefined);
    const analysis: IacScan = analyseTerraform(file, path, ctx);
    analysis.kind = 'terraform';
    if (inventory) analysis.identities = terraformIdentities(file, ctx.settings.ownerTags);
    return analysis;
  }
  const parsed = !reuse
    ? parseYamlSource(text)
    : isWorkflowPath(path)
      ? reuse.jobs.parse(path, text)
      : (reuse.resources?.reused(path, text) ?? reuse.yaml.parse(path, text));
  const first = parsed.documents[0];
  const iacKind = first && classify(path, first, parsed.documents);
  const parseError = parsed.error && {
    message: `${kind === 'json' ? 'JSON' : 'YAML'} syntax error: ${parsed.error.message}`,
    start: parsed.error.start,
    end: parsed.error.end,
  };
  if (!iacKind) {
    // Only report a syntax error where the file was meant to be IaC.
    return parseError && (isWorkflowPath(path) || /AWSTemplateFormatVersion/.test(text)) && !text.includes('{{')
      ? { issues: [], parseError }
      : undefined;
  }
  let issues: IacIssue[] = [];
  let identities: IdentityDraft[] | undefined;
  const owners = ctx.settings.ownerTags;
  switch (iacKind) {
    case 'github-workflow':
      issues = analyseWorkflow(first, text);
      if (inventory) identities = workflowIdentities(first, path);
      break;
    case 'gitlab-ci':
      issues = analyseGitlabCi(first);
      break;
    case 'cloudformation':
      issues = analyseCloudFormation(first, text, ctx);
      if (inventory) identities = cloudFormationIdentities(first, text, owners);
      break;
    case 'kubernetes':
      issues = analyseKubernetes(parsed.documents, text, ctx, path);
      if (inventory) identities = kubernetesIdentities(parsed.documents, owners);
      break;
    case 'iam-policy':
      issues = analysePolicy(first, {
        resource: path.split(/[\\/]/).pop() ?? path,
        settings: ctx.settings,
        iam: ctx.iam,
        fileActions: collectActions(first),
      });
      break;
    case 'azure-role-definition':
      issues = analyseAzureRoleDefinition(first);
      break;
    case 'serverless':
      issues = analyseServerless(first, path, text, ctx);
      break;
  }
  // Helm and other templated YAML cannot parse as YAML: say nothing rather than a false error.
  return { issues, identities, kind: iacKind, parseError: parseError && !text.includes('{{') ? parseError : undefined };
}
