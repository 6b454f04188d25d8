targetScope = 'subscription'

param principalId string

@description('Built-in Contributor')
var contributor = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource pipelineContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, contributor)
  properties: {
    principalId: principalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributor)
  }
}
