// Receives MAVLink over UDP and decodes it with node-mavlink, an implementation independent of RafeCast's,
// then prints one JSON summary line: packets valid / with CRC errors / of unknown ids, decode failures,
// signature checks, the time from first to last datagram (elapsedMs), and per sender the frames, sequence gaps and count of each message name.
//
//   node receive-mavlink.mjs NODE_MODULES PORT SECONDS [PASSPHRASE]
//
// Prints {"listening":PORT} once bound; counts SECONDS from the first datagram.
import { createRequire } from 'node:module';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';

const [modules, portText, secondsText, passphrase] = process.argv.slice(2);
if (!modules || !portText || !secondsText) {
  console.error('usage: node receive-mavlink.mjs NODE_MODULES PORT SECONDS [PASSPHRASE]');
  process.exit(2);
}
const require = createRequire(join(modules, 'rafecast-interop.js'));
const mavlink = require('node-mavlink');
const { MavLinkPacketSplitter, MavLinkPacketParser, MavLinkPacketSignature, minimal, common, ardupilotmega } = mavlink;

const registry = { ...minimal.REGISTRY, ...common.REGISTRY, ...ardupilotmega.REGISTRY };
const key = passphrase ? MavLinkPacketSignature.key(passphrase) : null;
const splitter = new MavLinkPacketSplitter();
const parser = splitter.pipe(new MavLinkPacketParser());

const summary = { valid: 0, crcErrors: 0, unknown: 0, decodeErrors: 0, signed: 0, signatureValid: 0, sources: {}, last: {} };
parser.on('data', packet => {
  const header = packet.header;
  const source = `${header.sysid}/${header.compid}`;
  const entry = summary.sources[source] ??= { frames: 0, lost: 0, lastSeq: null, messages: {} };
  entry.frames++;
  if (entry.lastSeq !== null) {
    const gap = (header.seq - entry.lastSeq - 1 + 256) % 256;
    if (gap < 128) entry.lost += gap;
  }
  entry.lastSeq = header.seq;
  if (packet.signature) {
    summary.signed++;
    if (key && packet.signature.matches(key)) summary.signatureValid++;
  }
  const clazz = registry[header.msgid];
  const name = clazz ? clazz.MSG_NAME : `#${header.msgid}`;
  entry.messages[name] = (entry.messages[name] ?? 0) + 1;
  if (clazz) {
    try {
      const data = packet.protocol.data(packet.payload, clazz);
      // Keep the latest of a few messages so the test can check values decoded the same way.
      if (['HEARTBEAT', 'GLOBAL_POSITION_INT', 'SYS_STATUS', 'BATTERY_STATUS'].includes(name)) {
        summary.last[`${source} ${name}`] = JSON.parse(JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
      }
    } catch (error) {
      summary.decodeErrors++;
    }
  }
});

const socket = createSocket('udp4');
let started = null;
let lastArrival = null;
socket.on('message', datagram => {
  lastArrival = Date.now();
  if (started === null) {
    started = Date.now();
    setTimeout(finish, Number(secondsText) * 1000);
  }
  splitter.write(datagram);
});
socket.bind(Number(portText), '127.0.0.1', () => console.log(JSON.stringify({ listening: Number(portText) })));

function finish() {
  socket.close();
  // Let the splitter and parser drain what they hold.
  setImmediate(() => {
    summary.valid = splitter.validPackages;
    summary.crcErrors = splitter.invalidPackages;
    summary.unknown = splitter.unknownPackagesCount;
    summary.elapsedMs = lastArrival - started;
    for (const entry of Object.values(summary.sources)) delete entry.lastSeq;
    console.log(JSON.stringify(summary));
    process.exit(0);
  });
}
