using './main.bicep'

// Browser origins of the viewer page. The station serves it on http://127.0.0.1:8080 by default;
// list the origin your viewers actually open (scheme, host, port).
param viewerOrigins = [
  'http://127.0.0.1:8080'
  'http://localhost:8080'
]

param liveRetentionDays = 2
param archiveCoolAfterDays = 30

// Object id of the editors' Entra ID group; empty grants nobody.
param editorsGroupObjectId = ''
