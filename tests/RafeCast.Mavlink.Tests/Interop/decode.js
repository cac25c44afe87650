// Decodes frames with node-mavlink. Reads hex from stdin (frames one per line, any split works: the
// lines are joined into one byte stream) and writes one JSON object per frame:
//   { msgid, name, version, sysid, compid, seq, signed, signatureMatches, fields: { xml_field_name: value } }
// signatureMatches is checked against the key given as the first argument (hex), if any.
// 64-bit integers are written as decimal strings, char arrays as strings.
'use strict';
const { Readable } = require('stream');
const mavlink = require('node-mavlink');

const registry = { ...mavlink.minimal.REGISTRY, ...mavlink.common.REGISTRY, ...mavlink.standard.REGISTRY };
const key = process.argv[2] ? Buffer.from(process.argv[2], 'hex') : null;

function plain(value) {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  return value;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const bytes = Buffer.from(input.replace(/\s+/g, ''), 'hex');
  const out = [];
  const reader = Readable.from([bytes])
    .pipe(new mavlink.MavLinkPacketSplitter())
    .pipe(new mavlink.MavLinkPacketParser());
  reader.on('data', packet => {
    const definition = registry[packet.header.msgid];
    const result = {
      msgid: packet.header.msgid,
      name: definition ? definition.MSG_NAME : null,
      version: packet.protocol instanceof mavlink.MavLinkProtocolV2 ? 2 : 1,
      sysid: packet.header.sysid,
      compid: packet.header.compid,
      seq: packet.header.seq,
      signed: packet.signature !== null,
      signatureMatches: packet.signature && key ? packet.signature.matches(key) : null,
      signatureLinkId: packet.signature ? packet.signature.linkId : null,
      fields: {},
    };
    if (definition) {
      const data = packet.protocol.data(packet.payload, definition);
      for (const field of definition.FIELDS) {
        result.fields[field.source] = plain(data[field.name]);
      }
    }
    out.push(JSON.stringify(result));
  });
  reader.on('end', () => process.stdout.write(out.join('\n') + '\n'));
});
