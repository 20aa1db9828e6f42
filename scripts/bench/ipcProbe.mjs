// How long Node's `advanced` child-process IPC takes for one 48 MB Uint8Array
// against the same bytes as 8 or 48 parts of one message, and as 8 or 48
// messages of one part each: `node scripts/bench/ipcProbe.mjs`. Timed in the
// parent from the first send to the child's answer after the last message
// (a few bytes). Medians of 7.
import { fork } from 'node:child_process';

if (process.argv[2] === 'child') {
  process.on('message', (message) => {
    if (message === 'bye') process.exit(0);
    const total = message.parts.reduce((sum, part) => sum + part.byteLength, 0);
    if (message.last) process.send({ total });
  });
} else {
  const child = fork(new URL(import.meta.url).pathname, ['child'], { serialization: 'advanced' });
  const roundTrip = (parts, messages) =>
    new Promise((resolve) => {
      const started = performance.now();
      child.once('message', () => resolve(performance.now() - started));
      if (messages) parts.forEach((part, index) => child.send({ parts: [part], last: index === parts.length - 1 }));
      else child.send({ parts, last: true });
    });
  const size = 48 * 1024 * 1024;
  const bytes = new Uint8Array(size).map((_, index) => index & 0xff);
  const split = (count) => Array.from({ length: count }, (_, index) => bytes.subarray((index * size) / count, ((index + 1) * size) / count));
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  const cases = [
    ['one message, 1 part of 48 MB', [bytes], false],
    ['one message, 8 parts of 6 MB', split(8), false],
    ['one message, 48 parts of 1 MB', split(48), false],
    ['8 messages of 6 MB', split(8), true],
    ['48 messages of 1 MB', split(48), true],
  ];
  for (const [label, parts, messages] of cases) {
    const times = [];
    for (let run = 0; run < 7; run++) times.push(await roundTrip(parts, messages));
    console.log(`${label.padEnd(32)} ${median(times).toFixed(1)} ms`);
  }
  child.send('bye');
}
