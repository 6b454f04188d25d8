@description('Tags applied to every resource')
param tags object = {
  owner: 'identity-team'
  environment: 'prod'
}

param location string = resourceGroup().location

resource ingestIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-ingest'
  location: location
  tags: tags
}

resource eventHubReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, ingestIdentity.id, 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
    principalId: ingestIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
