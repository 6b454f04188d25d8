param location string = resourceGroup().location

resource ingestIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-ingest'
  location: location
}

output principalId string = ingestIdentity.properties.principalId
