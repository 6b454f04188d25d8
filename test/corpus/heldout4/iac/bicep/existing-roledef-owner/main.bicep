targetScope = 'subscription'

param identityResourceGroup string = 'rg-identities'
param identityName string = 'id-landing-zone-vending'

resource ownerRoleDefinition 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
}

resource vendingIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  scope: resourceGroup(identityResourceGroup)
  name: identityName
}

resource vendingOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, vendingIdentity.id, ownerRoleDefinition.id)
  properties: {
    roleDefinitionId: ownerRoleDefinition.id
    principalId: vendingIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
