param location string = resourceGroup().location

resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'stordersexports'
}

resource exporterId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-orders-exporter'
  location: location
  tags: {
    owner: 'orders-team'
  }
}

resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(stg.id, exporterId.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: stg
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: exporterId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
