// Draws media/icon.png (128×128, the Marketplace icon): two price lines that drift apart and come back
// together over a dark rounded tile, the picture of a mean-reverting spread. Pure Node (zlib), so the
// icon is reproducible on any machine: `node scripts/make-icon.js`.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const SAMPLES = 4; // per axis: 16 samples a pixel for smooth edges

const background = [30, 34, 46];
const lineA = [255, 167, 38]; // amber
const lineB = [66, 165, 245]; // blue

function roundedTile(x, y) {
  const r = 22;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// The two series: a shared trend plus a spread that swings out and reverts.
const trend = (x) => 78 - 0.32 * x + 7 * Math.sin(x / 14);
const spread = (x) => 16 * Math.sin((x - 14) / 16) * Math.exp(-(((x - 64) / 44) ** 2));
const seriesA = (x) => trend(x) - 12 - spread(x);
const seriesB = (x) => trend(x) + 12 + spread(x);

function nearLine(f, x, y, halfWidth) {
  // Distance to the curve, approximated by the vertical distance scaled by the local slope.
  const slope = (f(x + 0.5) - f(x - 0.5));
  return Math.abs(y - f(x)) / Math.sqrt(1 + slope * slope) <= halfWidth;
}

function pixel(px, py) {
  let a = 0;
  const acc = [0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!roundedTile(x, y)) continue;
      let c = background;
      if (x > 12 && x < 116) {
        if (nearLine(seriesB, x, y, 4.2)) c = lineB;
        if (nearLine(seriesA, x, y, 4.2)) c = lineA;
      }
      a++;
      for (let i = 0; i < 3; i++) acc[i] += c[i];
    }
  }
  if (a === 0) return [0, 0, 0, 0];
  return [acc[0] / a, acc[1] / a, acc[2] / a, (255 * a) / (SAMPLES * SAMPLES)].map(Math.round);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, y * (SIZE * 4 + 1) + 1 + x * 4);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, '..', 'media', 'icon.png');
fs.writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
