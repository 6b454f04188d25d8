param location string = resourceGroup().location
param tenantId string = subscription().tenantId
param pipelineObjectId string
param appObjectId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${uniqueString(resourceGroup().id)}'
  location: location
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableSoftDelete: true
    accessPolicies: [
      {
        tenantId: tenantId
        objectId: pipelineObjectId
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
      {
        tenantId: tenantId
        objectId: appObjectId
        permissions: {
          secrets: [
            'get'
            'list'
          ]
        }
      }
    ]
  }
}
