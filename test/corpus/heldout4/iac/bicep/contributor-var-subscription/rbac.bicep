targetScope = 'subscription'

param automationPrincipalId string

var roles = {
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c'
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
}

resource automationContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, automationPrincipalId, roles.contributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.contributor)
    principalId: automationPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource automationReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, automationPrincipalId, roles.reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.reader)
    principalId: automationPrincipalId
    principalType: 'ServicePrincipal'
  }
}
