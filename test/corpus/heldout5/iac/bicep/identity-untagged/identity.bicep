param location string = resourceGroup().location
param environment string = 'prod'

resource webIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-web-${environment}'
  location: location
  tags: {
    environment: environment
  }
}

resource jobIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-jobs-${environment}'
  location: location
  tags: {
    environment: environment
    team: 'batch'
  }
}

output webIdentityClientId string = webIdentity.properties.clientId
