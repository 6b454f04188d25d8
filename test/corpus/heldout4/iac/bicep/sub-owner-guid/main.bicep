targetScope = 'subscription'

@description('Object id of the deployment service principal')
param deployerPrincipalId string

@description('Location of the metadata for this deployment')
param location string = deployment().location

resource rg 'Microsoft.Resources/resourceGroups@2023-07-01' = {
  name: 'rg-shared-services'
  location: location
  tags: {
    owner: 'platform'
  }
}

resource deployerOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, deployerPrincipalId, 'owner')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')
    principalId: deployerPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Deployment pipeline'
  }
}
