/**
 * The infrastructure languages recognised by name and a cheap text test before any parsing:
 * Helm templates, Pulumi programs (YAML, TypeScript, Python), ARM templates, Bicep, AWS CDK
 * (TypeScript, Python) and Ansible tasks managing IAM or RBAC. Each analyser runs only on files of its kind, so other files pay for a
 * path test and, for TypeScript and Python, a substring search or two.
 */
import type { FileKind } from '../types';
import { kubernetesIdentities } from '../inventory/manifestIdentities';
import { azureTemplateIdentities, pulumiIdentities } from '../inventory/templateIdentities';
import { readArmTemplate, looksLikeArmTemplate } from './azure/armTemplate';
import { mayBeAnsibleIam, readAnsibleTasks } from './ansible/ansibleTasks';
import { analyseAzureTemplate } from './azure/azureTemplateAnalyzer';
import { parseBicep } from './azure/bicepParser';
import { analyseCdk, importsAwsCdk } from './cdk/cdkAnalyzer';
import { analyseCdkPython, importsAwsCdkPython } from './cdk/cdkPythonAnalyzer';
import { analyseHelmTemplate } from './helm/helmAnalyzer';
import { isHelmTemplatePath } from './helm/helmTemplate';
import type { IacContext } from './iacIssue';
import type { IacScan } from './iacScanner';
import { analyseKubernetes } from './kubernetes/kubernetesAnalyzer';
import { analysePulumi, isPulumiProgram, isPulumiProgramPath, type PulumiSource } from './pulumi/pulumiAnalyzer';
import { tagsSetElsewhere } from './pulumi/pulumiCodeProgram';
import { programOf, pulumiCodeIssues } from './pulumi/pulumiCodeAnalysis';
import { pulumiAzureTemplate, pulumiGcpIssues, pulumiKubernetesDocuments } from './pulumi/pulumiOtherProviders';
import { importsPulumiPython, readPulumiPython } from './pulumi/pulumiPython';
import { importsPulumiTypeScript, readPulumiTypeScript } from './pulumi/pulumiTypeScript';
import type { SourceNode } from './sourceTree';
import { SiteLookup, type SiteStore } from './keptSites';
import { parseYamlSource } from './yamlSource';
import { freshTests, type TextTests } from '../text/keptSearches';

const yamlError = (error: { message: string; start: number; end: number } | undefined, what: string) =>
  error && { message: `${what} syntax error: ${error.message}`, start: error.start, end: error.end };

/** The analysis of a file in one of these languages; undefined when it is none of them. */
export function analyseOtherLanguage(
  text: string,
  path: string,
  kind: FileKind,
  ctx: IacContext,
  inventory: boolean,
  keptSites?: SiteStore,
  tests: TextTests = freshTests(text),
): IacScan | undefined {
  const owners = ctx.settings.ownerTags;
  if (kind === 'typescript' || kind === 'javascript' || kind === 'python') {
    const ts = kind !== 'python';
    const cdk = ts ? importsAwsCdk(tests) : importsAwsCdkPython(tests);
    const pulumi = ts ? importsPulumiTypeScript(tests) : importsPulumiPython(tests);
    if (!cdk && !pulumi) return undefined;
    // One lookup per scan of the file, shared by the readers (their sites are of different kinds).
    const sites = keptSites ? keptSites.scan(path, text) : new SiteLookup(text);
    const read = pulumi ? (ts ? readPulumiTypeScript(text, sites, tests) : readPulumiPython(text, sites)) : undefined;
    if (!cdk && !read) return undefined;
    const issues = cdk ? (ts ? analyseCdk(text, path, ctx, sites) : analyseCdkPython(text, path, ctx, sites)) : [];
    if (!read) return { issues, kind: 'aws-cdk' };
    const source: PulumiSource = { ownerEdits: false, reportComputedTags: false, checkOwners: !tagsSetElsewhere(tests) };
    return {
      issues: [...issues, ...pulumiCodeIssues(read, text, ctx, source)],
      kind: 'pulumi',
      ...(inventory ? { identities: pulumiIdentities(programOf(read), text, owners) } : {}),
    };
  }
  if (kind === 'bicep' && !/\.bicepparam$/i.test(path)) {
    const template = parseBicep(text);
    return {
      issues: analyseAzureTemplate(template, text, ctx),
      kind: 'bicep',
      ...(inventory ? { identities: azureTemplateIdentities(template, text, owners) } : {}),
    };
  }
  if (kind === 'json' && tests.mayHold('deploymenttemplate.json') && looksLikeArmTemplate(text)) {
    const parsed = parseYamlSource(text);
    const template = parsed.documents[0] && readArmTemplate(parsed.documents[0]);
    if (!template) return undefined;
    return {
      issues: analyseAzureTemplate(template, text, ctx),
      kind: 'arm-template',
      parseError: yamlError(parsed.error, 'JSON'),
      ...(inventory ? { identities: azureTemplateIdentities(template, text, owners) } : {}),
    };
  }
  if (kind !== 'yaml') return undefined;
  if (isPulumiProgramPath(path)) {
    const parsed = parseYamlSource(text);
    const program = parsed.documents[0];
    if (!program || !isPulumiProgram(program)) return undefined;
    return {
      issues: pulumiProgramIssues(program, text, ctx),
      kind: 'pulumi',
      parseError: yamlError(parsed.error, 'YAML'),
      ...(inventory ? { identities: pulumiIdentities(program, text, owners) } : {}),
    };
  }
  if (mayBeAnsibleIam(text)) {
    const parsed = parseYamlSource(text);
    const ansible = readAnsibleTasks(parsed.documents);
    // Tasks are what Ansible runs, not resources with tags: no owner checks.
    if (ansible)
      return {
        issues: [
          ...analysePulumi(ansible.program, text, ctx, { ownerEdits: false, reportComputedTags: false, checkOwners: false }),
          ...analyseKubernetes(ansible.manifests, text, ctx),
        ],
        kind: 'ansible',
        parseError: yamlError(parsed.error, 'YAML'),
      };
  }
  // A template without actions is a plain manifest: the Kubernetes path reads it as one.
  if (isHelmTemplatePath(path) && text.includes('{{')) {
    const helm = analyseHelmTemplate(text, ctx);
    if (!helm.documents.length) return { issues: [] };
    return {
      issues: helm.issues,
      kind: 'helm-template',
      // No parse error: what fails to parse once actions are blanked is a template construct.
      ...(inventory ? { identities: kubernetesIdentities(helm.documents, owners) } : {}),
    };
  }
  return undefined;
}

/** Every check of a Pulumi program, whatever language it was read from. */
function pulumiProgramIssues(program: SourceNode, text: string, ctx: IacContext, source?: PulumiSource) {
  return [
    ...analysePulumi(program, text, ctx, source),
    ...pulumiGcpIssues(program),
    ...analyseKubernetes(pulumiKubernetesDocuments(program), text, ctx),
    ...analyseAzureTemplate(pulumiAzureTemplate(program), text, ctx),
  ];
}
