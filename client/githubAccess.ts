import * as vscode from 'vscode';
import type { GitHubAccess } from '../protocol/nhiLensProtocol';

/** Scopes the GitHub features need: read secret-scanning alerts, upload code-scanning results. */
const SCOPES = ['repo', 'security_events'];

/**
 * Signs in through VS Code's built-in GitHub authentication, only when the user asked for a
 * GitHub feature. With `nhiLens.github.apiUrl` set, the GitHub Enterprise Server provider is used
 * (its host comes from the `github-enterprise.uri` setting).
 */
export async function githubAccess(): Promise<GitHubAccess | undefined> {
  const config = vscode.workspace.getConfiguration('nhiLens.github');
  const apiUrl = config.get<string>('apiUrl')?.trim() || undefined;
  const repository = config.get<string>('repository')?.trim() || undefined;
  const provider = apiUrl ? 'github-enterprise' : 'github';
  try {
    const session = await vscode.authentication.getSession(provider, SCOPES, { createIfNone: true });
    return { token: session.accessToken, baseUrl: apiUrl, repository };
  } catch (error) {
    void vscode.window.showWarningMessage(
      `NHI Lens: GitHub sign-in did not complete (${(error as Error).message}). The local audit works without it.`,
    );
    return undefined;
  }
}
