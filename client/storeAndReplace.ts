/**
 * "Store in the manager and replace": the server says what it would run (or why it cannot),
 * the user confirms in a modal dialog, then the server runs the manager's CLI with the value on
 * its standard input and applies the rewrite. The value never passes through the client.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StoreSecretPlanRequest, StoreSecretRequest, type StoreSecretParams } from '../protocol/nhiLensProtocol';

export async function storeAndReplace(
  client: LanguageClient | undefined,
  uri: string,
  diagnostic: StoreSecretParams['diagnostic'],
): Promise<void> {
  if (!client) return;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('NHI Lens: storing a secret runs a program: only in a trusted workspace.');
    return;
  }
  const params: StoreSecretParams = { uri, diagnostic };
  let plan = await client.sendRequest(StoreSecretPlanRequest.type, params);
  if (plan.needsAzureVault) {
    const vault = await vscode.window.showInputBox({
      title: 'NHI Lens: Azure Key Vault name',
      prompt:
        'The Key Vault to store the secret in (its name, as in https://NAME.vault.azure.net). Setting AZURE_KEY_VAULT_URL skips this question.',
      validateInput: (v) => (/^[A-Za-z0-9-]{3,24}$/.test(v.trim()) ? undefined : '3 to 24 letters, digits and dashes'),
    });
    if (!vault) return;
    params.azureVault = vault.trim();
    plan = await client.sendRequest(StoreSecretPlanRequest.type, params);
  }
  if (plan.refusal) {
    void vscode.window.showErrorMessage(`NHI Lens: ${plan.refusal}`);
    return;
  }
  const choice = await vscode.window.showWarningMessage(
    `Store this secret in ${plan.managerLabel} as "${plan.name}" and replace it in the file?`,
    {
      modal: true,
      detail:
        plan.detail ??
        `NHI Lens runs:\n\n${plan.command}\n\nwith the value on its standard input (never on its command line or in a terminal), using your signed-in ${plan.managerLabel} credentials. Then the file reads "${plan.name}" from ${plan.managerLabel}. Rotate the secret too if it was ever committed.`,
    },
    'Store and Replace',
  );
  if (choice !== 'Store and Replace') return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `NHI Lens: storing in ${plan.managerLabel}` },
    () => client.sendRequest(StoreSecretRequest.type, params),
  );
  if (result.ok) void vscode.window.showInformationMessage(`NHI Lens: ${result.message}`);
  else void vscode.window.showErrorMessage(`NHI Lens: ${result.message}`);
}
