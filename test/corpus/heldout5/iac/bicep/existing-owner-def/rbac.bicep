targetScope = 'subscription'

@description('Principal id of the landing-zone automation identity')
param lzIdentityPrincipalId string

resource ownerRoleDefinition 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
}

resource lzOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, lzIdentityPrincipalId, ownerRoleDefinition.id)
  properties: {
    roleDefinitionId: ownerRoleDefinition.id
    principalId: lzIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}
