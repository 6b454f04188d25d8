targetScope = 'subscription'

resource platformRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'platform-engineer')
  properties: {
    roleName: 'Platform Engineer'
    description: 'Full control except billing'
    type: 'customRole'
    permissions: [
      {
        actions: [
          '*'
        ]
        notActions: [
          'Microsoft.Billing/*'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}
