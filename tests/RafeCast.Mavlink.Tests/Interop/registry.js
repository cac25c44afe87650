// Prints node-mavlink's message definitions as JSON: for each message its id, name, CRC_EXTRA (magic number),
// payload length and fields in XML order (name as in the XML, type, array length, extension flag, units).
// Used by the interop tests to compare CRC_EXTRA and layouts, and to rebuild a standard dialect from it.
'use strict';
const mavlink = require('node-mavlink');

const dialects = process.argv.slice(2);
const chosen = dialects.length > 0 ? dialects : ['minimal', 'common', 'standard', 'ardupilotmega', 'uavionix', 'icarous'];
const registry = {};
for (const name of chosen) {
  Object.assign(registry, mavlink[name].REGISTRY);
}

const messages = Object.values(registry).map(definition => {
  // Construction assigns fields in XML order; FIELDS is in wire order.
  const xmlOrder = Object.keys(new definition());
  const byName = new Map(definition.FIELDS.map(f => [f.name, f]));
  return {
    id: definition.MSG_ID,
    name: definition.MSG_NAME,
    crcExtra: definition.MAGIC_NUMBER,
    payloadLength: definition.PAYLOAD_LENGTH,
    fields: xmlOrder.filter(n => byName.has(n)).map(n => {
      const f = byName.get(n);
      return { name: f.source, type: f.type.replace('[]', ''), length: f.length, extension: f.extension, units: f.units };
    }),
  };
});
process.stdout.write(JSON.stringify(messages));
