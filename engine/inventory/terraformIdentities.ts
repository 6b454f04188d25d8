import type { HclBlock, HclExpr } from '../iac/hcl/hclParser';
import { attribute, blocksOf } from '../iac/hcl/hclSource';
import { isOwnerKey } from '../iac/iacIssue';
import { addressOf, headerRange, type TerraformFile } from '../iac/terraform/terraformModule';
import type { CredentialType, IdentityDraft, IdentityKind } from './identity';

interface Spec {
  kind: IdentityKind;
  provider: string;
  credential: CredentialType;
  owner?: 'tags' | 'labels' | 'metadata';
}

const RESOURCES: Record<string, Spec> = {
  aws_iam_role: { kind: 'iam-role', provider: 'aws', credential: 'federated', owner: 'tags' },
  aws_iam_user: { kind: 'iam-user', provider: 'aws', credential: 'static', owner: 'tags' },
  aws_iam_access_key: { kind: 'access-key', provider: 'aws', credential: 'static' },
  google_service_account: { kind: 'service-account', provider: 'gcp', credential: 'federated' },
  google_service_account_key: { kind: 'service-account-key', provider: 'gcp', credential: 'static' },
  azurerm_user_assigned_identity: { kind: 'managed-identity', provider: 'azure', credential: 'federated', owner: 'tags' },
  azuread_application: { kind: 'service-principal', provider: 'azure', credential: 'none' },
  azuread_service_principal: { kind: 'service-principal', provider: 'azure', credential: 'none' },
  azuread_application_password: { kind: 'client-secret', provider: 'azure', credential: 'static' },
  azuread_service_principal_password: { kind: 'client-secret', provider: 'azure', credential: 'static' },
  kubernetes_service_account: { kind: 'service-account', provider: 'kubernetes', credential: 'federated', owner: 'metadata' },
  kubernetes_service_account_v1: { kind: 'service-account', provider: 'kubernetes', credential: 'federated', owner: 'metadata' },
  aws_secretsmanager_secret: { kind: 'secret-store', provider: 'aws', credential: 'reference', owner: 'tags' },
  google_secret_manager_secret: { kind: 'secret-store', provider: 'gcp', credential: 'reference', owner: 'labels' },
  azurerm_key_vault_secret: { kind: 'secret-store', provider: 'azure', credential: 'reference', owner: 'tags' },
  vault_kv_secret_v2: { kind: 'secret-store', provider: 'vault', credential: 'reference' },
  vault_generic_secret: { kind: 'secret-store', provider: 'vault', credential: 'reference' },
};

/** Data sources that read a secret from a manager: the code uses a reference, not a value. */
const SECRET_DATA: Record<string, string> = {
  aws_secretsmanager_secret_version: 'aws',
  aws_secretsmanager_secret: 'aws',
  aws_ssm_parameter: 'aws',
  google_secret_manager_secret_version: 'gcp',
  azurerm_key_vault_secret: 'azure',
  vault_kv_secret_v2: 'vault',
  vault_generic_secret: 'vault',
};

/** Policies reached through a reference: their findings are the identity's permissions. */
const POLICY_REF = /\b(?:data\.aws_iam_policy_document|aws_iam_policy)\.[\w-]+/g;
const CREDENTIAL_OF = /(?:access_key|service_account_key|_password)$/;

/** Static owner written on the block: a tag or label with a literal value (locals resolved). */
function ownerIn(expr: HclExpr | undefined, file: TerraformFile, keys: string[], depth = 0): string | undefined {
  if (!expr || depth > 8) return undefined;
  if (expr.kind === 'object') {
    const item = expr.items.find((i) => i.key !== undefined && isOwnerKey(i.key, keys));
    return item?.value.kind === 'string' && !item.value.templated ? item.value.value : undefined;
  }
  if (expr.kind === 'call' && expr.name === 'merge') {
    for (const arg of [...expr.args].reverse()) {
      const o = ownerIn(arg, file, keys, depth + 1);
      if (o) return o;
    }
  }
  if (expr.kind === 'ref') {
    const m = /^local\.([\w-]+)$/.exec(expr.text);
    return m ? ownerIn(file.local(m[1]), file, keys, depth + 1) : undefined;
  }
  return undefined;
}

function ownerOf(block: HclBlock, spec: Spec, file: TerraformFile, keys: string[]): string | undefined {
  if (!spec.owner) return undefined;
  if (spec.owner !== 'metadata') return ownerIn(attribute(block.body, spec.owner)?.value, file, keys);
  const metadata = blocksOf(block.body, 'metadata')[0];
  return (
    metadata &&
    (ownerIn(attribute(metadata.body, 'labels')?.value, file, keys) ?? ownerIn(attribute(metadata.body, 'annotations')?.value, file, keys))
  );
}

/** Identities a Terraform file declares, linked to the resources that grant them rights. */
export function terraformIdentities(file: TerraformFile, ownerTags: string[]): IdentityDraft[] {
  const drafts: IdentityDraft[] = [];
  const texts = new Map(file.resources.map((b) => [b, file.text.slice(b.start, b.end)]));
  const blockText = (b: HclBlock) => texts.get(b) ?? file.text.slice(b.start, b.end);
  for (const block of file.resources) {
    const type = block.labels[0].value;
    const spec = RESOURCES[type];
    const address = addressOf(block);
    if (spec) {
      const links = new Set([address]);
      const own = blockText(block);
      for (const m of own.matchAll(POLICY_REF)) links.add(m[0]);
      // Resources that name this one (attachments, bindings, role assignments, keys) carry its rights.
      const mention = `${address}.`;
      let declared = /\b(?:inline_policy|managed_policy_arns)\b/.test(own);
      let credential = spec.credential;
      for (const other of file.resources) {
        if (other === block || !blockText(other).includes(mention)) continue;
        const otherType = other.labels[0].value;
        if (RESOURCES[otherType]?.credential === 'static' && CREDENTIAL_OF.test(otherType)) {
          credential = 'static';
          continue;
        }
        if (RESOURCES[otherType]) continue;
        links.add(addressOf(other));
        declared = true;
        for (const m of blockText(other).matchAll(POLICY_REF)) links.add(m[0]);
      }
      drafts.push({
        kind: spec.kind,
        name: address,
        provider: spec.provider,
        ...headerRange(block),
        owner: ownerOf(block, spec, file, ownerTags),
        credential,
        links: [...links],
        permissionsDeclared: declared,
      });
    }
    // Azure resources with a system-assigned identity: an identity nobody declared as such.
    const identity = type.startsWith('azurerm_') ? blocksOf(block.body, 'identity')[0] : undefined;
    const idType = identity && attribute(identity.body, 'type')?.value;
    if (idType?.kind === 'string' && /SystemAssigned/.test(idType.value)) {
      drafts.push({
        kind: 'managed-identity',
        name: `${address} (system-assigned)`,
        provider: 'azure',
        start: identity!.start,
        end: identity!.open,
        owner: ownerIn(attribute(block.body, 'tags')?.value, file, ownerTags),
        credential: 'federated',
        links: [address],
        permissionsDeclared: false,
      });
    }
  }
  for (const block of file.dataSources) {
    const provider = SECRET_DATA[block.labels[0].value];
    if (provider)
      drafts.push({
        kind: 'secret-reference',
        name: addressOf(block),
        provider,
        ...headerRange(block),
        credential: 'reference',
        links: [addressOf(block)],
        permissionsDeclared: false,
      });
  }
  return drafts;
}
