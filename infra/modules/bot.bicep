// The Azure Bot registration: the bot's identity (user-assigned managed identity or a
// single-tenant Entra app; multi-tenant registrations can no longer be created), the messaging
// endpoint, and the Microsoft Teams channel.

param name string
param tags object
param displayName string
@allowed(['F0', 'S1'])
param sku string
@allowed(['UserAssignedMsi', 'SingleTenant'])
param appType string
param appId string
@description('Resource id of the managed identity, for appType UserAssignedMsi.')
param identityResourceId string
param messagingEndpoint string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppId: appId
    msaAppType: appType == 'UserAssignedMsi' ? 'UserAssignedMSI' : 'SingleTenant'
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMsi' ? identityResourceId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
