targetScope = 'subscription'

param principalId string

@allowed([
  'ServicePrincipal'
  'Group'
])
param principalType string = 'ServicePrincipal'

var userAccessAdministrator = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9')

resource uaa 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, userAccessAdministrator)
  properties: {
    roleDefinitionId: userAccessAdministrator
    principalId: principalId
    principalType: principalType
  }
}
