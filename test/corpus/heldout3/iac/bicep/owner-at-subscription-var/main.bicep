targetScope = 'subscription'

@description('Object id of the automation principal')
param automationPrincipalId string

var ownerRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')

resource automationOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, automationPrincipalId, ownerRoleId)
  properties: {
    roleDefinitionId: ownerRoleId
    principalId: automationPrincipalId
    principalType: 'ServicePrincipal'
  }
}
