// The bot's user-assigned managed identity. It is the bot's Bot Framework identity
// (MicrosoftAppType=UserAssignedMsi: no client secret to store or rotate) and pulls the image
// from the registry; it is granted nothing else.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
