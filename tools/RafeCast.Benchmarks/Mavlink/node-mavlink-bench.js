// Baseline for MavlinkParserBenchmarks: parses and decodes a capture with node-mavlink, the way its README
// uses it (MavLinkPacketSplitter -> MavLinkPacketParser -> protocol.data). Loads the capture named by the first
// argument once, then for every "run" line on stdin parses it all and answers "done <frames> <checksum>".
'use strict';
const fs = require('fs');
const readline = require('readline');
const { Readable } = require('stream');
const mavlink = require('node-mavlink');

const registry = { ...mavlink.minimal.REGISTRY, ...mavlink.common.REGISTRY };
const capture = fs.readFileSync(process.argv[2]);

function run() {
  return new Promise((resolve, reject) => {
    let frames = 0;
    let checksum = 0;
    const reader = Readable.from([capture])
      .pipe(new mavlink.MavLinkPacketSplitter())
      .pipe(new mavlink.MavLinkPacketParser());
    reader.on('data', packet => {
      const definition = registry[packet.header.msgid];
      if (definition) {
        const data = packet.protocol.data(packet.payload, definition);
        checksum = (checksum + packet.header.msgid + (data.timeBootMs || 0)) % 1000000007;
      }
      frames++;
    });
    reader.on('end', () => resolve(`done ${frames} ${checksum}`));
    reader.on('error', reject);
  });
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', async line => {
  if (line.trim() === 'run') {
    process.stdout.write((await run()) + '\n');
  }
});
lines.on('close', () => process.exit(0));
