param location string = resourceGroup().location

var baseTags = {
  owner: 'search-team'
  managedBy: 'bicep'
}

resource searchIndexer 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-search-indexer'
  location: location
  tags: union(baseTags, {
    component: 'indexer'
  })
}
