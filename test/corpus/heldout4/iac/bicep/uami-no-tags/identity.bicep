@description('Location for all resources.')
param location string = resourceGroup().location

param acrName string

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: acrName
}

resource buildAgentIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-build-agents'
  location: location
}

var acrPushRoleId = '8311e382-0749-4cb8-b61a-304f252e45ec'

resource acrPush 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, buildAgentIdentity.id, acrPushRoleId)
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPushRoleId)
    principalId: buildAgentIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output identityClientId string = buildAgentIdentity.properties.clientId
