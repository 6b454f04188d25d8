targetScope = 'subscription'

param monitorPrincipalId string

var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
var monitoringReaderRoleId = '43d0d8ad-25c7-4714-9337-8ba259a9fe05'

resource monitorReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, monitorPrincipalId, readerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
    principalId: monitorPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource monitorMonitoringReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, monitorPrincipalId, monitoringReaderRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringReaderRoleId)
    principalId: monitorPrincipalId
    principalType: 'ServicePrincipal'
  }
}
