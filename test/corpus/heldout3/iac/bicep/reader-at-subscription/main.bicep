targetScope = 'subscription'

param monitoringPrincipalId string

resource readerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
}

resource monitoringReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, monitoringPrincipalId, readerRole.id)
  properties: {
    roleDefinitionId: readerRole.id
    principalId: monitoringPrincipalId
    principalType: 'ServicePrincipal'
  }
}
