param location string = resourceGroup().location
param workloadNames array = [
  'ingest'
  'transform'
  'publish'
]

var commonTags = {
  costCenter: '7781'
  environment: 'prod'
}

resource workloadIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for name in workloadNames: {
  name: 'id-${name}'
  location: location
  tags: commonTags
}]

output principalIds array = [for (name, i) in workloadNames: workloadIdentities[i].properties.principalId]
