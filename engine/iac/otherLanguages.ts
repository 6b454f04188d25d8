/**
 * The infrastructure languages recognised by name and a cheap text test before any parsing:
 * Helm templates, Pulumi YAML programs, ARM templates, Bicep and AWS CDK in TypeScript. Each
 * analyser runs only on files of its kind, so other files pay for a path test and, for
 * TypeScript, one substring search.
 */
import type { FileKind } from '../types';
import { kubernetesIdentities } from '../inventory/manifestIdentities';
import { azureTemplateIdentities, pulumiIdentities } from '../inventory/templateIdentities';
import { readArmTemplate, looksLikeArmTemplate } from './azure/armTemplate';
import { analyseAzureTemplate } from './azure/azureTemplateAnalyzer';
import { parseBicep } from './azure/bicepParser';
import { analyseCdk, importsAwsCdk } from './cdk/cdkAnalyzer';
import { analyseHelmTemplate } from './helm/helmAnalyzer';
import { isHelmTemplatePath } from './helm/helmTemplate';
import type { IacContext } from './iacIssue';
import type { IacScan } from './iacScanner';
import { analyseKubernetes } from './kubernetes/kubernetesAnalyzer';
import { analysePulumi, isPulumiProgram, isPulumiProgramPath } from './pulumi/pulumiAnalyzer';
import { pulumiAzureTemplate, pulumiKubernetesDocuments } from './pulumi/pulumiOtherProviders';
import { parseYamlSource } from './yamlSource';

const yamlError = (error: { message: string; start: number; end: number } | undefined, what: string) =>
  error && { message: `${what} syntax error: ${error.message}`, start: error.start, end: error.end };

/** The analysis of a file in one of these languages; undefined when it is none of them. */
export function analyseOtherLanguage(text: string, path: string, kind: FileKind, ctx: IacContext, inventory: boolean): IacScan | undefined {
  if (kind === 'typescript' || kind === 'javascript') {
    return importsAwsCdk(text) ? { issues: analyseCdk(text, path, ctx), kind: 'aws-cdk' } : undefined;
  }
  const owners = ctx.settings.ownerTags;
  if (kind === 'bicep' && !/\.bicepparam$/i.test(path)) {
    const template = parseBicep(text);
    return {
      issues: analyseAzureTemplate(template, text, ctx),
      kind: 'bicep',
      ...(inventory ? { identities: azureTemplateIdentities(template, text, owners) } : {}),
    };
  }
  if (kind === 'json' && looksLikeArmTemplate(text)) {
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
      issues: [
        ...analysePulumi(program, text, ctx),
        ...analyseKubernetes(pulumiKubernetesDocuments(program), text, ctx),
        ...analyseAzureTemplate(pulumiAzureTemplate(program), text, ctx),
      ],
      kind: 'pulumi',
      parseError: yamlError(parsed.error, 'YAML'),
      ...(inventory ? { identities: pulumiIdentities(program, text, owners) } : {}),
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
