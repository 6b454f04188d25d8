/**
 * Key Vault access policies written with the azurerm provider: `azurerm_key_vault_access_policy`
 * resources and the `access_policy` blocks of `azurerm_key_vault`. The same check as for Bicep and
 * ARM templates (`azure-key-vault-all-permissions`): a policy granting "All" on secrets, keys or
 * certificates. The provider's own lists have no "All" in newer versions, so a list that can read,
 * write and purge (Get + Set/Create/Import + Purge) counts too: that identity can read every
 * secret, replace it, and destroy it beyond recovery, which is what "all" means in practice.
 */
import type { HclBlock, HclBody } from '../hcl/hclParser';
import { attribute, blocksOf } from '../hcl/hclSource';
import type { IssueFrom } from '../iacIssue';
import { addressOf, type TerraformFile } from './terraformModule';
import { possibleStrings } from './terraformValueFlow';

/** Permission attributes by the object kind they govern, with the verbs that write that kind. */
const PERMISSION_LISTS: Array<{ attribute: string; kind: string; writes: string[] }> = [
  { attribute: 'secret_permissions', kind: 'secret', writes: ['set'] },
  { attribute: 'key_permissions', kind: 'key', writes: ['create', 'import', 'update'] },
  { attribute: 'certificate_permissions', kind: 'certificate', writes: ['create', 'import', 'update'] },
  { attribute: 'storage_permissions', kind: 'storage', writes: ['set', 'update'] },
];

/**
 * One issue per access policy: at its first list that grants everything, the other such lists
 * (keys, certificates…) as related locations.
 */
function policyIssues(file: TerraformFile, block: HclBlock, body: HclBody, address: string, label: string): IssueFrom<'terraform'>[] {
  const offending: Array<{ start: number; end: number; message: string }> = [];
  for (const list of PERMISSION_LISTS) {
    const attr = attribute(body, list.attribute);
    if (!attr) continue;
    const verbs = possibleStrings(file, block, attr.value);
    const lower = new Set(verbs.map((v) => v.value.toLowerCase()));
    const all = verbs.find((v) => v.value.toLowerCase() === 'all');
    const fullControl = lower.has('get') && lower.has('purge') && list.writes.some((w) => lower.has(w));
    if (!all && !fullControl) continue;
    const at = all ? { start: all.start + 1, end: all.end - 1 } : { start: attr.nameStart, end: attr.value.end };
    offending.push({
      ...at,
      message: all
        ? `every ${list.kind} permission ("All"), including delete and purge`
        : `read, write and purge on ${list.kind}s (${[...lower].join(', ')})`,
    });
  }
  if (!offending.length) return [];
  const [first, ...more] = offending;
  return [
    {
      check: 'azure-key-vault-all-permissions',
      start: first.start,
      end: first.end,
      resource: address,
      subject: `${address}|${label}`,
      message: `${label} grants ${offending.map((o) => o.message).join('; ')}: a leaked credential for it can read, replace or destroy them beyond recovery; list only the operations the identity needs`,
      ...(more.length ? { related: more.map((m) => ({ start: m.start, end: m.end, message: m.message })) } : {}),
    },
  ];
}

export function keyVaultAccessPolicyIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesOf('azurerm_key_vault_access_policy')) {
    const address = addressOf(block);
    issues.push(...policyIssues(file, block, block.body, address, address));
  }
  for (const block of file.resourcesOf('azurerm_key_vault')) {
    const address = addressOf(block);
    blocksOf(block.body, 'access_policy').forEach((policy, i) =>
      issues.push(...policyIssues(file, block, policy.body, address, `Access policy ${i + 1} of ${address}`)),
    );
  }
  return issues;
}
