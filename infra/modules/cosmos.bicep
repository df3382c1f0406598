// Cosmos DB for the bot's state: one database and the containers the bot's store opens
// (bot/store/connect.ts), each partitioned on /id; per-item TTL (defaultTtl -1) on the
// containers whose documents carry their own `ttl`. A test keeps this list and the code equal.

param accountName string
param location string
param tags object
param databaseName string
@description('Serverless (pay per request) suits a help desk\'s bursty chat traffic; false for provisioned throughput.')
param serverless bool = true
@description('Shared database throughput (RU/s) when serverless is false.')
param throughput int = 400

var containers = [
  { id: 'users', perItemTtl: false }
  { id: 'sessions', perItemTtl: true }
  { id: 'inbox', perItemTtl: true }
  { id: 'outbox', perItemTtl: true }
  { id: 'dialogState', perItemTtl: false }
  { id: 'tickets', perItemTtl: true }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
    minimalTlsVersion: 'Tls12'
    // The account key the bot uses can read and write documents but not change databases or
    // containers: those are created here, and the bot only finds them existing.
    disableKeyBasedMetadataWriteAccess: true
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : { throughput: throughput }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for c in containers: {
    parent: database
    name: c.id
    properties: {
      resource: union(
        {
          id: c.id
          partitionKey: {
            paths: [
              '/id'
            ]
            kind: 'Hash'
          }
        },
        c.perItemTtl ? { defaultTtl: -1 } : {}
      )
    }
  }
]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
