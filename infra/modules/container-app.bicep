// Hosting: an Azure Container Apps environment (logs to Log Analytics) and the bot's container
// app, with HTTPS ingress, probes on /healthz and at least one replica always running (the
// webhook must answer ServiceNow at once, and delivery runs in the background).
//
// The environment variables are named exactly as bot/config reads them; a test compares this
// file's names with the configuration schema. Secrets are Container Apps secrets referenced by
// name, never plain values, and the Cosmos DB key is read here so that it never passes through
// a deployment output.

param environmentName string
param appName string
param location string
param tags object
param workspaceName string
param identityId string
param registryLoginServer string
param containerImage string
param cosmosAccountName string
param cosmosDatabase string

@allowed(['UserAssignedMsi', 'SingleTenant'])
param botAppType string
param botAppId string
@secure()
param botAppPassword string

param serviceNowInstanceUrl string
param serviceNowUsername string
@secure()
param serviceNowPassword string
param serviceNowOAuthClientId string
@secure()
param serviceNowOAuthClientSecret string
@secure()
param serviceNowVaSigningSecret string
@secure()
param serviceNowVaToken string
param serviceNowAppInboundId string
@secure()
param serviceNowCallbackApiKey string
@description('The next callback API key during a rotation; empty otherwise.')
@secure()
param serviceNowCallbackApiKeyNext string

@description('Key that signs the links to agents\' files (32+ characters); main.bicep generates one when unset.')
@secure()
param filesLinkSecret string = ''
@description('An extra header ServiceNow must send, as "Name: value"; empty for none.')
@secure()
param serviceNowCallbackHeader string
@secure()
param serviceNowCallbackHeaderNext string
param serviceNowCallbackUser string
@secure()
param metricsToken string
param allowedTenantIds string
param handoffConfig string
param logLevel string
@description('Tuning settings by configuration key (see tuningKeys); absent or empty keeps the bot\'s default.')
param tuning object
param minReplicas int
param maxReplicas int

var port = 3978
// /metrics has a listener of its own, reachable inside the environment only (never the public
// ingress): a Prometheus or OpenTelemetry collector in the same environment scrapes it.
var metricsPort = 9464

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' existing = {
  name: workspaceName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' existing = {
  name: cosmosAccountName
}

// Empty values are fine: the bot treats an empty variable as unset.
var plainSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'PORT', value: string(port) }
  { name: 'METRICS_PORT', value: string(metricsPort) }
  { name: 'LOG_LEVEL', value: logLevel }
  { name: 'MicrosoftAppType', value: botAppType }
  { name: 'MicrosoftAppId', value: botAppId }
  { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
  { name: 'SERVICENOW_INSTANCE_URL', value: serviceNowInstanceUrl }
  { name: 'SERVICENOW_USERNAME', value: serviceNowUsername }
  { name: 'SERVICENOW_OAUTH_CLIENT_ID', value: serviceNowOAuthClientId }
  { name: 'SERVICENOW_APP_INBOUND_ID', value: serviceNowAppInboundId }
  { name: 'SERVICENOW_CALLBACK_USER', value: serviceNowCallbackUser }
  { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
  { name: 'COSMOS_DATABASE', value: cosmosDatabase }
  { name: 'HANDOFF_CONFIG', value: handoffConfig }
  { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
  // Requests reach the container through the Container Apps ingress: one reverse proxy, whose
  // X-Forwarded-For entry is the caller's address.
  { name: 'TRUSTED_PROXY_HOPS', value: '1' }
  // Files are only ever downloaded over HTTPS in Azure.
  { name: 'FILES_ALLOW_LOOPBACK', value: 'false' }
]

// Optional timing knobs of the bot, passed through under their own names.
var tuningKeys = [
  'LIVE_CHAT_START_TIMEOUT_SECONDS'
  'LIVE_CHAT_IDLE_TIMEOUT_SECONDS'
  'LIVE_CHAT_IDLE_REMINDER_SECONDS'
  'LIVE_CHAT_SERVICENOW_SURVEY_SECONDS'
  'LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS'
  'ENDED_SESSION_TTL_SECONDS'
  'DELIVERY_SWEEP_SECONDS'
  'DELIVERY_LEASE_SECONDS'
  'DELIVERY_USER_MESSAGES'
  'WEBHOOK_RATE_LIMIT'
  'FILES_MAX_MB'
  'FILES_MAX_PER_MESSAGE'
  'FILES_ALLOWED_TYPES'
  'FILES_MAX_TRANSFERS'
  'FILES_LINK_SECONDS'
  'FILES_PUBLIC_URL'
  'FILES_DOWNLOAD_HOSTS'
  'FILES_PROVIDER_APPLICATION_ID'
]
// Links to agents' files point at the app's own address unless a custom domain is configured.
var defaultFilesPublicUrl = 'https://${appName}.${environment.properties.defaultDomain}'
var tuningSettings = map(tuningKeys, key => {
  name: key
  value: contains(tuning, key) && !empty(string(tuning[key])) ? string(tuning[key]) : (key == 'FILES_PUBLIC_URL' ? defaultFilesPublicUrl : '')
})

// A Container Apps secret cannot be empty, so optional ones are left out when unset.
var secretSettings = filter(
  [
    { name: 'SERVICENOW_PASSWORD', secret: 'servicenow-password', value: serviceNowPassword }
    {
      name: 'SERVICENOW_OAUTH_CLIENT_SECRET'
      secret: 'servicenow-oauth-client-secret'
      value: serviceNowOAuthClientSecret
    }
    { name: 'SERVICENOW_VA_TOKEN', secret: 'servicenow-va-token', value: serviceNowVaToken }
    {
      name: 'SERVICENOW_VA_SIGNING_SECRET'
      secret: 'servicenow-va-signing-secret'
      value: serviceNowVaSigningSecret
    }
    {
      name: 'SERVICENOW_CALLBACK_API_KEY'
      secret: 'servicenow-callback-api-key'
      value: serviceNowCallbackApiKey
    }
    {
      name: 'SERVICENOW_CALLBACK_API_KEY_NEXT'
      secret: 'servicenow-callback-api-key-next'
      value: serviceNowCallbackApiKeyNext
    }
    {
      name: 'SERVICENOW_CALLBACK_HEADER'
      secret: 'servicenow-callback-header'
      value: serviceNowCallbackHeader
    }
    {
      name: 'SERVICENOW_CALLBACK_HEADER_NEXT'
      secret: 'servicenow-callback-header-next'
      value: serviceNowCallbackHeaderNext
    }
    { name: 'METRICS_TOKEN', secret: 'metrics-token', value: metricsToken }
    { name: 'FILES_LINK_SECRET', secret: 'files-link-secret', value: filesLinkSecret }
    { name: 'COSMOS_KEY', secret: 'cosmos-key', value: cosmos.listKeys().primaryMasterKey }
    {
      name: 'MicrosoftAppPassword'
      secret: 'microsoft-app-password'
      value: botAppType == 'SingleTenant' ? botAppPassword : ''
    }
  ],
  s => !empty(s.value)
)

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
        additionalPortMappings: [
          { external: false, targetPort: metricsPort }
        ]
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: map(secretSettings, s => { name: s.secret, value: s.value })
    }
    template: {
      // Longer than the bot's own shutdown grace, so acknowledged callbacks are delivered.
      terminationGracePeriodSeconds: 30
      containers: [
        {
          name: 'bot'
          image: containerImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(
            plainSettings,
            tuningSettings,
            map(secretSettings, s => { name: s.name, secretRef: s.secret })
          )
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/healthz', port: port }
              periodSeconds: 2
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: port }
              periodSeconds: 15
              failureThreshold: 3
            }
            {
              // Not /readyz: a ServiceNow outage must not take every replica out of service,
              // or Teams users would get no answer at all instead of being told what is wrong.
              type: 'Readiness'
              httpGet: { path: '/healthz', port: port }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
