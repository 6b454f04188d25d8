// Draws the extension icon (docs/images/icon.png, 128x128 RGBA) from shapes, with no image
// library: each pixel is 4x4-supersampled against the shapes below and written as a PNG with
// node:zlib. Usage: node build/drawIcon.mjs [out.png]. The PNG is committed; re-run after edits.
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

const BACKGROUND = [15, 27, 45];
const SHIELD_TOP = [43, 179, 163];
const SHIELD_BOTTOM = [29, 110, 158];
const LENS = [255, 255, 255];

/** Inside a square with rounded corners (the tile). */
function inTile(x, y) {
  const r = 26;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A shield: straight sides from y=20 to y=62, then an elliptical taper to the point at y=112. */
function inShield(x, y) {
  const half = 40;
  const dx = Math.abs(x - 64);
  if (y < 20 || y > 112) return false;
  if (y < 28) {
    // Rounded top corners.
    const cx = Math.min(dx, half - 8);
    return (dx - cx) ** 2 + (y - 28) ** 2 <= 64;
  }
  if (y <= 62) return dx <= half;
  const t = (y - 62) / 50;
  return dx <= half * Math.sqrt(Math.max(0, 1 - t * t));
}

/** The lens: a ring and a handle, the "lens" of NHI Lens. */
function inLens(x, y) {
  const d = Math.hypot(x - 58, y - 56);
  if (d >= 14 && d <= 21) return true;
  // Handle: a thick segment from the ring towards the lower right.
  const ax = 73,
    ay = 71,
    bx = 86,
    by = 84;
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= 5;
}

function colourAt(x, y) {
  if (!inTile(x, y)) return null;
  if (inLens(x, y)) return LENS;
  if (inShield(x, y)) {
    const t = (y - 20) / 92;
    return SHIELD_TOP.map((c, i) => c + (SHIELD_BOTTOM[i] - c) * t);
  }
  return BACKGROUND;
}

function pixel(px, py) {
  let r = 0,
    g = 0,
    b = 0,
    a = 0;
  for (let sy = 0; sy < SAMPLES; sy++)
    for (let sx = 0; sx < SAMPLES; sx++) {
      const c = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
      if (!c) continue;
      r += c[0];
      g += c[1];
      b += c[2];
      a++;
    }
  // Colour averaged over the covered samples (premultiplied alpha would darken the edges).
  return a ? [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / SAMPLES ** 2)] : [0, 0, 0, 0];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function drawIcon() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), y * (SIZE * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2] ?? 'docs/images/icon.png';
fs.writeFileSync(out, drawIcon());
process.stdout.write(`wrote ${out}\n`);
