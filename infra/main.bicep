// RafeCast in Azure: one storage account that the ground stations publish into, an identity for the
// stations (no account keys anywhere), and Azure Front Door Standard in front of the live container.
// Deploy with infra/README.md; tests/RafeCast.Infra.Tests builds and lints this file offline.
metadata description = 'RafeCast: storage for live HLS and the tagged archive, the ground-station identity, and Front Door for viewers.'

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Region of the storage account and the station identity. Front Door itself is global.')
param location string = resourceGroup().location

@description('Storage account name: 3-24 lowercase letters and digits, unique across Azure.')
@minLength(3)
@maxLength(24)
param storageAccountName string = 'rafecast${uniqueString(resourceGroup().id)}'

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Container for live HLS (playlists and recent segments); the only one Front Door serves.')
@minLength(3)
@maxLength(63)
param liveContainerName string = 'live'

@description('Container for the tagged archive (every rung, sidecars, telemetry, STAC manifests).')
@minLength(3)
@maxLength(63)
param archiveContainerName string = 'archive'

@description('Browser origins of the viewer page allowed to read live blobs cross-origin, e.g. https://viewer.example.org (scheme, host and port; no path).')
@minLength(1)
param viewerOrigins string[]

@description('Days after their last modification before live blobs are deleted.')
@minValue(1)
param liveRetentionDays int = 2

@description('Days after their last modification before archive blobs move to the Cool tier.')
@minValue(1)
param archiveCoolAfterDays int = 30

@description('Name of the user-assigned managed identity the ground stations run as.')
param stationIdentityName string = 'id-rafecast-station'

@description('Object id of the Microsoft Entra group of editors who search and pull the archive; empty grants nobody.')
param editorsGroupObjectId string = ''

@description('Name of the Front Door profile.')
param frontDoorProfileName string = 'afd-rafecast'

@description('Name of the Front Door endpoint; Front Door adds a hash to make its host name unique.')
param frontDoorEndpointName string = 'rafecast-live'

@description('Tags on every resource that takes them.')
param tags {
  *: string
} = {
  application: 'rafecast'
}

// ---------------------------------------------------------------------------------------------
// Built-in roles (ids from Microsoft's list of Azure built-in roles, Storage category)
// ---------------------------------------------------------------------------------------------

// Full access to blob data, including Set Blob Tags and Find Blobs by Tags; "Contributor" and
// "Storage Blob Data Contributor" have neither, and the station must write and query index tags.
resource storageBlobDataOwner 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
}

// Read and list blobs, and get a user delegation key; no tag read, no find, no write.
resource storageBlobDataReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
}

// ---------------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    // Nothing is anonymous: viewers come through Front Door, which authenticates with its own identity.
    allowBlobPublicAccess: false
    // No account keys and no key-signed SAS; stations use Entra ID, SAS tokens are user-delegation SAS.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Blob index tags (how editors search the archive) do not work with a hierarchical namespace.
    isHnsEnabled: false
    allowCrossTenantReplication: false
    // Stations on field uplinks and Front Door Standard (no Private Link) reach the public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    // CORS is a property of the whole blob service, not of one container. Only `live` is reachable
    // by a browser (through Front Door); the archive needs an Entra ID token or a SAS either way.
    cors: {
      corsRules: [
        {
          allowedOrigins: viewerOrigins
          allowedMethods: [
            'GET'
            'HEAD'
            'OPTIONS'
          ]
          allowedHeaders: [
            'Range'
          ]
          exposedHeaders: [
            'Content-Length'
            'Content-Range'
            'Accept-Ranges'
            'ETag'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
    // A deleted container can be restored for a week. Blob soft delete stays off: live playlists are
    // rewritten every second and each overwrite would keep a soft-deleted copy.
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource liveContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: liveContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource archiveContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: archiveContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-live'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${liveContainer.name}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: liveRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'cool-archive'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${archiveContainer.name}/'
              ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: archiveCoolAfterDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Identities and roles
// ---------------------------------------------------------------------------------------------

resource stationIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: stationIdentityName
  location: location
  tags: tags
}

resource stationBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, stationIdentity.id, storageBlobDataOwner.id)
  scope: storage
  properties: {
    description: 'RafeCast ground station: publish live HLS and the archive, write and find blob index tags.'
    principalId: stationIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageBlobDataOwner.id
  }
}

var grantEditors = !empty(editorsGroupObjectId)

resource editorsBlobDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantEditors) {
  name: guid(storage.id, editorsGroupObjectId, storageBlobDataReader.id)
  scope: storage
  properties: {
    description: 'RafeCast editors: read and list the archive.'
    principalId: editorsGroupObjectId
    principalType: 'Group'
    roleDefinitionId: storageBlobDataReader.id
  }
}

// No built-in role reads index tags and finds blobs by tags without also writing and deleting blobs
// (only Storage Blob Data Owner has the find permission), so editors get exactly these two.
resource blobTagReaderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (grantEditors) {
  name: guid(resourceGroup().id, 'rafecast-blob-tag-reader')
  properties: {
    roleName: 'RafeCast blob tag reader (${resourceGroup().name})'
    description: 'Read blob index tags and find blobs by tags; nothing else.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/filter/action'
        ]
        notDataActions: []
      }
    ]
  }
}

resource editorsBlobTagReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantEditors) {
  name: guid(storage.id, editorsGroupObjectId, blobTagReaderRole.id)
  scope: storage
  properties: {
    description: 'RafeCast editors: search the archive by blob index tags.'
    principalId: editorsGroupObjectId
    principalType: 'Group'
    roleDefinitionId: blobTagReaderRole.id
  }
}

// ---------------------------------------------------------------------------------------------
// Front Door Standard in front of the live container
// ---------------------------------------------------------------------------------------------

var blobHostName = '${storage.name}.blob.${environment().suffixes.storage}'

// Storage accepts bearer tokens only from REST version 2017-11-09 on; browsers send no x-ms-version,
// so Front Door sets one on the way to the origin.
var storageRestVersion = '2025-11-05'

resource frontDoor 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: frontDoorProfileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  // Front Door reads the private live container with this identity (origin authentication).
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    originResponseTimeoutSeconds: 30
  }
}

resource frontDoorEndpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: frontDoor
  name: frontDoorEndpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
    autoGeneratedDomainNameLabelScope: 'TenantReuse'
  }
}

resource blobOriginGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: frontDoor
  name: 'blob-storage'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    // One origin: Front Door sends it traffic whatever the probes say. Origin authentication needs
    // HTTPS probes, so they stay on, as rarely as allowed.
    healthProbeSettings: {
      probePath: '/'
      probeRequestType: 'HEAD'
      probeProtocol: 'Https'
      probeIntervalInSeconds: 255
    }
    authentication: {
      type: 'SystemAssignedIdentity'
      scope: 'https://storage.azure.com/.default'
    }
    sessionAffinityState: 'Disabled'
  }
}

resource blobOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: blobOriginGroup
  name: 'blob-endpoint'
  properties: {
    hostName: blobHostName
    originHostHeader: blobHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource liveRuleSet 'Microsoft.Cdn/profiles/ruleSets@2025-06-01' = {
  parent: frontDoor
  name: 'liveblobs'
}

resource liveRule 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = {
  parent: liveRuleSet
  name: 'liveDelivery'
  properties: {
    order: 1
    conditions: []
    actions: [
      {
        name: 'ModifyRequestHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'x-ms-version'
          value: storageRestVersion
        }
      }
      {
        // Front Door keeps one cached copy per URL whatever the request's Origin (it ignores Vary), so
        // the origin-specific CORS header storage sends would reach other viewers, or be missing when
        // a player without Origin filled the cache. Live content is public anyway: any page may read it.
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Access-Control-Allow-Origin'
          value: '*'
        }
      }
      {
        // The station sets Cache-Control on every blob (segments immutable for a long time, live
        // playlists max-age=1); Front Door keeps exactly that.
        name: 'RouteConfigurationOverride'
        parameters: {
          typeName: 'DeliveryRuleRouteConfigurationOverrideActionParameters'
          cacheConfiguration: {
            cacheBehavior: 'HonorOrigin'
            queryStringCachingBehavior: 'IgnoreQueryString'
            isCompressionEnabled: 'Enabled'
          }
        }
      }
    ]
    matchProcessingBehavior: 'Continue'
  }
}

resource liveRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: frontDoorEndpoint
  name: 'live'
  properties: {
    originGroup: {
      id: blobOriginGroup.id
    }
    ruleSets: [
      {
        id: liveRuleSet.id
      }
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    patternsToMatch: [
      '/${liveContainer.name}/*'
    ]
    cacheConfiguration: {
      queryStringCachingBehavior: 'IgnoreQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [
          'application/vnd.apple.mpegurl'
          'text/vtt'
        ]
      }
    }
    enabledState: 'Enabled'
  }
  // A route needs an origin in its group and its rules in place before it accepts traffic.
  dependsOn: [
    blobOrigin
    liveRule
  ]
}

// Front Door may read the live container and nothing else.
resource frontDoorLiveReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(liveContainer.id, frontDoor.id, storageBlobDataReader.id)
  scope: liveContainer
  properties: {
    description: 'RafeCast Front Door: read live HLS from the live container.'
    principalId: frontDoor.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageBlobDataReader.id
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

@description('Blob endpoint of the account: the station\'s RafeCast:Storage:AccountUrl.')
output storageBlobUrl string = storage.properties.primaryEndpoints.blob

@description('Storage account name.')
output storageAccountName string = storage.name

@description('Host name of the Front Door endpoint that serves the live container to viewers.')
output frontDoorHostName string = frontDoorEndpoint.properties.hostName

@description('Base URL viewers load live HLS from (Front Door, live container).')
output viewerBaseUrl string = 'https://${frontDoorEndpoint.properties.hostName}/${liveContainer.name}/'

@description('Client id of the station identity: AZURE_CLIENT_ID for DefaultAzureCredential.')
output stationIdentityClientId string = stationIdentity.properties.clientId

@description('Resource id of the station identity, to attach it to the machine the station runs on.')
output stationIdentityResourceId string = stationIdentity.id
