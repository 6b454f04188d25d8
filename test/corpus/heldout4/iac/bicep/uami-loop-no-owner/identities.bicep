param location string = resourceGroup().location
param environment string = 'prod'

param apps array = [
  'catalog'
  'checkout'
  'search'
]

resource appIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for app in apps: {
  name: 'id-${app}-${environment}'
  location: location
  tags: {
    app: app
    environment: environment
  }
}]

output identityIds array = [for (app, i) in apps: appIdentities[i].id]
