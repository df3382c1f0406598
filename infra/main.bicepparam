// Parameters for main.bicep, read from environment variables so that no secret is written to a
// file. The variables are named as the bot's own configuration keys where there is one (see the
// README's configuration table); the others are deployment-only.
using './main.bicep'

param baseName = readEnvironmentVariable('AZURE_BASE_NAME', 'liveagent')
param containerImage = readEnvironmentVariable('CONTAINER_IMAGE', '')

param botAppType = readEnvironmentVariable('MicrosoftAppType', 'UserAssignedMsi')
param botAppId = readEnvironmentVariable('MicrosoftAppId', '')
param botAppPassword = readEnvironmentVariable('MicrosoftAppPassword', '')

param serviceNowInstanceUrl = readEnvironmentVariable('SERVICENOW_INSTANCE_URL')
param serviceNowUsername = readEnvironmentVariable('SERVICENOW_USERNAME', '')
param serviceNowPassword = readEnvironmentVariable('SERVICENOW_PASSWORD', '')
param serviceNowOAuthClientId = readEnvironmentVariable('SERVICENOW_OAUTH_CLIENT_ID', '')
param serviceNowOAuthClientSecret = readEnvironmentVariable('SERVICENOW_OAUTH_CLIENT_SECRET', '')
param serviceNowVaToken = readEnvironmentVariable('SERVICENOW_VA_TOKEN', '')
param serviceNowVaSigningSecret = readEnvironmentVariable('SERVICENOW_VA_SIGNING_SECRET', '')
param serviceNowAppInboundId = readEnvironmentVariable('SERVICENOW_APP_INBOUND_ID', '')
param serviceNowCallbackApiKey = readEnvironmentVariable('SERVICENOW_CALLBACK_API_KEY')
param serviceNowCallbackApiKeyNext = readEnvironmentVariable('SERVICENOW_CALLBACK_API_KEY_NEXT', '')
param serviceNowCallbackHeader = readEnvironmentVariable('SERVICENOW_CALLBACK_HEADER', '')
param serviceNowCallbackHeaderNext = readEnvironmentVariable('SERVICENOW_CALLBACK_HEADER_NEXT', '')
param serviceNowCallbackUser = readEnvironmentVariable('SERVICENOW_CALLBACK_USER', '')
param metricsToken = readEnvironmentVariable('METRICS_TOKEN', '')
param filesLinkSecret = readEnvironmentVariable('FILES_LINK_SECRET', '')

param allowedTenantIds = readEnvironmentVariable('ALLOWED_TENANT_IDS', '')
param cosmosDatabase = readEnvironmentVariable('COSMOS_DATABASE', 'live-agent')
param handoffConfig = readEnvironmentVariable('HANDOFF_CONFIG', '')
param logLevel = readEnvironmentVariable('LOG_LEVEL', 'info')

// Optional timing settings; empty keeps the bot's defaults.
param tuning = {
  LIVE_CHAT_START_TIMEOUT_SECONDS: readEnvironmentVariable('LIVE_CHAT_START_TIMEOUT_SECONDS', '')
  LIVE_CHAT_IDLE_TIMEOUT_SECONDS: readEnvironmentVariable('LIVE_CHAT_IDLE_TIMEOUT_SECONDS', '')
  LIVE_CHAT_IDLE_REMINDER_SECONDS: readEnvironmentVariable('LIVE_CHAT_IDLE_REMINDER_SECONDS', '')
  LIVE_CHAT_SERVICENOW_SURVEY_SECONDS: readEnvironmentVariable('LIVE_CHAT_SERVICENOW_SURVEY_SECONDS', '')
  LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS: readEnvironmentVariable('LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS', '')
  ENDED_SESSION_TTL_SECONDS: readEnvironmentVariable('ENDED_SESSION_TTL_SECONDS', '')
  DELIVERY_SWEEP_SECONDS: readEnvironmentVariable('DELIVERY_SWEEP_SECONDS', '')
  DELIVERY_LEASE_SECONDS: readEnvironmentVariable('DELIVERY_LEASE_SECONDS', '')
  DELIVERY_USER_MESSAGES: readEnvironmentVariable('DELIVERY_USER_MESSAGES', '')
  WEBHOOK_RATE_LIMIT: readEnvironmentVariable('WEBHOOK_RATE_LIMIT', '')
  FILES_MAX_MB: readEnvironmentVariable('FILES_MAX_MB', '')
  FILES_MAX_PER_MESSAGE: readEnvironmentVariable('FILES_MAX_PER_MESSAGE', '')
  FILES_ALLOWED_TYPES: readEnvironmentVariable('FILES_ALLOWED_TYPES', '')
  FILES_MAX_TRANSFERS: readEnvironmentVariable('FILES_MAX_TRANSFERS', '')
  FILES_LINK_SECONDS: readEnvironmentVariable('FILES_LINK_SECONDS', '')
  FILES_PUBLIC_URL: readEnvironmentVariable('FILES_PUBLIC_URL', '')
  FILES_DOWNLOAD_HOSTS: readEnvironmentVariable('FILES_DOWNLOAD_HOSTS', '')
  FILES_PROVIDER_APPLICATION_ID: readEnvironmentVariable('FILES_PROVIDER_APPLICATION_ID', '')
}
