// Encodes frames with node-mavlink. Reads a JSON array from stdin; each item is
//   { name, version: 1|2, sysid, compid, seq, fields: { xml_field_name: value }, sign?: { keyHex, linkId, timestampMs } }
// 64-bit integers come as decimal strings, char arrays as strings, other arrays as arrays.
// Writes one frame per line as hex.
'use strict';
const mavlink = require('node-mavlink');

const registry = { ...mavlink.minimal.REGISTRY, ...mavlink.common.REGISTRY, ...mavlink.standard.REGISTRY };
const byName = new Map(Object.values(registry).map(d => [d.MSG_NAME, d]));

function convert(field, value) {
  if (field.type.startsWith('uint64_t') || field.type.startsWith('int64_t')) {
    return Array.isArray(value) ? value.map(v => BigInt(v)) : BigInt(value);
  }
  return value;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const lines = [];
  for (const item of JSON.parse(input)) {
    const definition = byName.get(item.name);
    if (!definition) {
      throw new Error(`node-mavlink has no message ${item.name}`);
    }
    const message = new definition();
    for (const field of definition.FIELDS) {
      if (Object.prototype.hasOwnProperty.call(item.fields, field.source)) {
        message[field.name] = convert(field, item.fields[field.source]);
      }
    }
    let frame;
    if (item.version === 1) {
      frame = new mavlink.MavLinkProtocolV1(item.sysid, item.compid).serialize(message, item.seq);
    } else if (item.sign) {
      const protocol = new mavlink.MavLinkProtocolV2(item.sysid, item.compid, mavlink.MavLinkProtocolV2.IFLAG_SIGNED);
      frame = protocol.sign(protocol.serialize(message, item.seq), item.sign.linkId, Buffer.from(item.sign.keyHex, 'hex'), item.sign.timestampMs);
    } else {
      frame = new mavlink.MavLinkProtocolV2(item.sysid, item.compid).serialize(message, item.seq);
    }
    lines.push(frame.toString('hex'));
  }
  process.stdout.write(lines.join('\n') + '\n');
});
