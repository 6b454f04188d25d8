targetScope = 'managementGroup'

@description('Principal id of the subscription vending pipeline')
param vendingPrincipalId string

var ownerRoleDefinitionId = tenantResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')

resource vendingOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, vendingPrincipalId, ownerRoleDefinitionId)
  properties: {
    roleDefinitionId: ownerRoleDefinitionId
    principalId: vendingPrincipalId
    principalType: 'ServicePrincipal'
  }
}
