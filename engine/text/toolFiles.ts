import type { FileKind } from '../types';
import type { TextTests } from './keptSearches';

/**
 * Files a tool owns, by name or by content: the one classifier that the IaC analysers, the
 * inventory and the quick-fixes all ask, so a workflow or a CloudFormation template is
 * recognised the same way everywhere.
 */
export type ToolFile = 'github-workflow' | 'docker-compose' | 'mcp-config' | 'cloudformation' | 'kubernetes';

const WORKFLOW_PATH = /(?:^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/i;
const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/i;
const MCP_NAME = /^(?:\.?mcp\.json|claude_desktop_config\.json|mcp_config\.json|mcp_settings\.json)$/i;

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function isWorkflowPath(path: string): boolean {
  return WORKFLOW_PATH.test(path);
}

/** A GitHub Action's metadata file (`action.yml` anywhere): a composite action's steps are read like a job's. */
export function isActionMetadataPath(path: string): boolean {
  return /(?:^|[\\/])action\.ya?ml$/.test(path);
}

/** An MCP client configuration (VS Code, Cursor, Claude Desktop, or any JSON with `mcpServers`). `text`: it, or a scan's tests of it. */
export function isMcpConfig(path: string, text: Pick<TextTests, 'includes'>): boolean {
  return MCP_NAME.test(baseName(path)) || (path.endsWith('.json') && text.includes('"mcpServers"'));
}

/** Cheap content test; the IaC scanner confirms it on the parsed document. */
export function looksLikeCloudFormation(text: string): boolean {
  return /AWSTemplateFormatVersion|\b(?:AWS|Alexa)::[A-Za-z0-9]+::/.test(text);
}

/** Cheap content test: a manifest has both `apiVersion` and `kind` at the start of a line (YAML) or as keys (JSON). */
export function looksLikeKubernetes(text: string): boolean {
  return /^\s{0,8}"?apiVersion"?\s{0,8}:/m.test(text) && /^\s{0,8}"?kind"?\s{0,8}:/m.test(text);
}

/** What tool a file belongs to: its path first (tools own their file names), then its content. */
export function toolFileOf(path: string, kind: FileKind, text: string): ToolFile | undefined {
  if (isWorkflowPath(path)) return 'github-workflow';
  if (COMPOSE_NAME.test(baseName(path))) return 'docker-compose';
  if (kind === 'json' && isMcpConfig(path, text)) return 'mcp-config';
  if (kind === 'yaml' || kind === 'json') {
    if (looksLikeCloudFormation(text)) return 'cloudformation';
    if (looksLikeKubernetes(text)) return 'kubernetes';
  }
  return undefined;
}
