/**
 * The one model the Azure template analysis reads, whichever language declared the resources:
 * ARM JSON templates and Bicep files both become a list of resources with their bodies as
 * source trees (`properties`, `scope`, `tags` …), plus the scope the file deploys to.
 */
import type { SourceNode } from '../sourceTree';

/** Where a template deploys: the default scope of its resources. */
export type DeploymentScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

export interface AzureResource {
  /** Full resource type without API version, e.g. `Microsoft.Authorization/roleAssignments`. */
  type: string;
  /** The symbolic name (Bicep, ARM 2.0) or the `name` written, for messages and fingerprints. */
  name: string;
  /** The declaration to point at when the resource as a whole is the problem. */
  start: number;
  end: number;
  /** The resource's object: `name`, `scope`, `properties`, `tags` … */
  body: SourceNode;
  /** Where it deploys when not the template's scope (inside an ARM nested deployment). */
  scope?: DeploymentScope;
}

export interface AzureTemplate {
  scope: DeploymentScope;
  resources: AzureResource[];
  /** Variables and parameter defaults by name, to resolve `variables('x')` or a Bicep `var`. */
  values: Map<string, SourceNode>;
  /** How tags are written, for the add-owner edit (none for Pulumi, whose identities its own analyser checks). */
  language: 'arm' | 'bicep' | 'pulumi';
}
