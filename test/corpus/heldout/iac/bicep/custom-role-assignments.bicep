targetScope = 'subscription'

resource delegatedAdmin 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'delegated-access-admin')
  properties: {
    roleName: 'Delegated Access Admin'
    type: 'customRole'
    permissions: [
      {
        actions: [
          'Microsoft.Authorization/roleAssignments/write'
          'Microsoft.Authorization/roleDefinitions/write'
          'Microsoft.Resources/subscriptions/resourceGroups/read'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource reader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'cost-reader')
  properties: {
    roleName: 'Cost Reader'
    type: 'customRole'
    permissions: [
      {
        actions: [
          'Microsoft.Consumption/*/read'
          'Microsoft.CostManagement/*/read'
          'Microsoft.Resources/subscriptions/read'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}
