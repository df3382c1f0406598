// Everything the bot needs in one resource group: its managed identity, a container registry,
// Cosmos DB, Log Analytics + Application Insights, the Container Apps hosting and the Azure Bot
// registration with the Teams channel. Deploy it twice (see infra/README.md): first with an
// empty containerImage, which creates the registry to build the image into; then with the image.

targetScope = 'resourceGroup'

@description('Prefix of every resource name: 3–12 lowercase letters or digits.')
@minLength(3)
@maxLength(12)
param baseName string = 'liveagent'

param location string = resourceGroup().location

@description('Image to run, e.g. <registry>.azurecr.io/live-agent:1. Empty: create only the registry, identity, Cosmos DB and monitoring.')
param containerImage string = ''

@description('UserAssignedMsi (default: the bot authenticates as the managed identity created here) or SingleTenant (an Entra app registration you created, with a client secret).')
@allowed(['UserAssignedMsi', 'SingleTenant'])
param botAppType string = 'UserAssignedMsi'

@description('SingleTenant only: the Entra app registration\'s application (client) id.')
param botAppId string = ''

@description('SingleTenant only: the app registration\'s client secret.')
@secure()
param botAppPassword string = ''

param botDisplayName string = 'Live Agent'

@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('e.g. https://acme.service-now.com')
param serviceNowInstanceUrl string
@description('Basic auth user of the service account; leave empty when using OAuth.')
param serviceNowUsername string = ''
@secure()
param serviceNowPassword string = ''
@description('OAuth client credentials instead of the user and password.')
param serviceNowOAuthClientId string = ''
@secure()
param serviceNowOAuthClientSecret string = ''
@description('Sign requests (x-b2b-signature) with this secret instead of sending the token.')
@secure()
param serviceNowVaSigningSecret string = ''
@description('Message-auth token (token_verification) that links users to sys_user records.')
@secure()
param serviceNowVaToken string = ''
param serviceNowAppInboundId string = ''
@description('Password ServiceNow uses (Basic auth) when calling the bot\'s webhook; 16+ characters.')
@secure()
@minLength(16)
param serviceNowCallbackApiKey string
@description('During a key rotation, the next callback API key (accepted as well); empty otherwise.')
@secure()
param serviceNowCallbackApiKeyNext string = ''

@description('Key that signs the links to agents\' files (32+ characters); empty: one generated for this deployment.')
@secure()
param filesLinkSecret string = ''
// Every replica must verify the links any replica signed, so an unset key is replaced by one key
// for the deployment (a new one each deployment: links live minutes, so none outlives it long).
@secure()
param generatedFilesLinkSecret string = '${newGuid()}${newGuid()}'
@description('Optional extra header ServiceNow must send on callbacks, as "Name: value".')
@secure()
param serviceNowCallbackHeader string = ''
@secure()
param serviceNowCallbackHeaderNext string = ''
param serviceNowCallbackUser string = ''
@description('Bearer token scrapers must send for /metrics (served on an internal port only); empty for none.')
@secure()
param metricsToken string = ''

@description('Serverless Cosmos DB (default) or provisioned throughput.')
param cosmosServerless bool = true
param cosmosThroughput int = 400
param cosmosDatabase string = 'live-agent'

@description('Comma-separated Entra tenant ids allowed to use the bot; empty means this tenant only.')
param allowedTenantIds string = ''

@description('Path of a handoff configuration file inside the image; empty for the shipped default.')
param handoffConfig string = ''

@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

@description('Optional timing settings by configuration key, e.g. { LIVE_CHAT_IDLE_TIMEOUT_SECONDS: \'360\' }; see the README\'s configuration table.')
param tuning object = {}

@minValue(1)
param minReplicas int = 1
@minValue(1)
param maxReplicas int = 3

param tags object = {
  application: 'teams-servicenow-live-agent'
}

var suffix = uniqueString(resourceGroup().id)
var deployApp = !empty(containerImage)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${baseName}-id'
    location: location
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: '${baseName}${suffix}'
    location: location
    tags: tags
    pullPrincipalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${baseName}-logs'
    appInsightsName: '${baseName}-appi'
    location: location
    tags: tags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: '${baseName}-${suffix}'
    location: location
    tags: tags
    databaseName: cosmosDatabase
    serverless: cosmosServerless
    throughput: cosmosThroughput
  }
}

var botAppIdValue = botAppType == 'UserAssignedMsi' ? identity.outputs.clientId : botAppId

module app 'modules/container-app.bicep' = if (deployApp) {
  name: 'container-app'
  params: {
    environmentName: '${baseName}-env'
    appName: '${baseName}-bot'
    location: location
    tags: tags
    workspaceName: monitoring.outputs.workspaceName
    identityId: identity.outputs.id
    registryLoginServer: registry.outputs.loginServer
    containerImage: containerImage
    cosmosAccountName: cosmos.outputs.accountName
    cosmosDatabase: cosmosDatabase
    botAppType: botAppType
    botAppId: botAppIdValue
    botAppPassword: botAppPassword
    serviceNowInstanceUrl: serviceNowInstanceUrl
    serviceNowUsername: serviceNowUsername
    serviceNowPassword: serviceNowPassword
    serviceNowOAuthClientId: serviceNowOAuthClientId
    serviceNowOAuthClientSecret: serviceNowOAuthClientSecret
    serviceNowVaSigningSecret: serviceNowVaSigningSecret
    serviceNowVaToken: serviceNowVaToken
    serviceNowAppInboundId: serviceNowAppInboundId
    serviceNowCallbackApiKey: serviceNowCallbackApiKey
    serviceNowCallbackApiKeyNext: serviceNowCallbackApiKeyNext
    filesLinkSecret: empty(filesLinkSecret) ? generatedFilesLinkSecret : filesLinkSecret
    serviceNowCallbackHeader: serviceNowCallbackHeader
    serviceNowCallbackHeaderNext: serviceNowCallbackHeaderNext
    serviceNowCallbackUser: serviceNowCallbackUser
    metricsToken: metricsToken
    allowedTenantIds: empty(allowedTenantIds) ? tenant().tenantId : allowedTenantIds
    handoffConfig: handoffConfig
    logLevel: logLevel
    tuning: tuning
    minReplicas: minReplicas
    maxReplicas: maxReplicas
  }
}

var hostName = deployApp ? app.outputs.fqdn : ''

module bot 'modules/bot.bicep' = if (deployApp) {
  name: 'bot'
  params: {
    name: '${baseName}-${suffix}'
    tags: tags
    displayName: botDisplayName
    sku: botSku
    appType: botAppType
    appId: botAppIdValue
    identityResourceId: identity.outputs.id
    messagingEndpoint: 'https://${hostName}/api/messages'
  }
}

module availability 'modules/availability.bicep' = if (deployApp) {
  name: 'availability'
  params: {
    name: '${baseName}-readyz'
    location: location
    tags: tags
    appInsightsName: monitoring.outputs.appInsightsName
    hostName: hostName
  }
}

output registryName string = registry.outputs.name
output registryLoginServer string = registry.outputs.loginServer
@description('MicrosoftAppId: the value to build the Teams app package with (npm run package).')
output microsoftAppId string = botAppIdValue
output botEndpoint string = deployApp ? 'https://${hostName}/api/messages' : ''
@description('Where ServiceNow posts callbacks: the outbound REST message / connection URL.')
output serviceNowWebhookUrl string = deployApp ? 'https://${hostName}/api/servicenow/messages' : ''
output appHostName string = hostName
