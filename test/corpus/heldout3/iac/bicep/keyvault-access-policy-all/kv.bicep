param location string = resourceGroup().location
param opsObjectId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-shared-ops'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    accessPolicies: [
      {
        tenantId: subscription().tenantId
        objectId: opsObjectId
        permissions: {
          secrets: [
            'all'
          ]
          keys: [
            'all'
          ]
          certificates: [
            'all'
          ]
        }
      }
    ]
  }
}
