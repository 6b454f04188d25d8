param principalId string

resource readerDefinition 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
}

resource readerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, readerDefinition.id)
  properties: {
    roleDefinitionId: readerDefinition.id
    principalId: principalId
    principalType: 'Group'
  }
}
