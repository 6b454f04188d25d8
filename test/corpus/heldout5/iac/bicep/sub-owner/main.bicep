targetScope = 'subscription'

@description('Object id of the automation principal')
param automationPrincipalId string

var ownerRoleId = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource automationOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, automationPrincipalId, ownerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId)
    principalId: automationPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource automationReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, automationPrincipalId, readerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
    principalId: automationPrincipalId
    principalType: 'ServicePrincipal'
  }
}
