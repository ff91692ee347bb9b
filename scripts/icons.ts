/**
 * PayLens's icon, drawn in code so that every size is sharp and the PNGs can be checked
 * against their source: a lens over a card, white on the panel's accent blue. `npm run
 * make-icons` writes `public/icon/<size>.png`; a test compares them with this drawing.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32';

export const ICON_SIZES = [16, 32, 48, 128] as const;

const ACCENT: Rgb = [26, 115, 232];
const WHITE: Rgb = [255, 255, 255];
type Rgb = readonly [number, number, number];

/** How much of the unit square's point (x, y) each shape covers, in 0..1 space. */
function coverage(x: number, y: number): { inside: boolean; white: boolean } {
  // A rounded square.
  const radius = 0.2;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  const inside = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  // The card: a rounded rectangle outline behind the lens.
  const card = x > 0.16 && x < 0.72 && y > 0.24 && y < 0.62;
  const cardBorder = card && (x < 0.22 || x > 0.66 || y < 0.3 || y > 0.56);
  const stripe = card && y > 0.34 && y < 0.4;
  // The lens: a ring, and its handle towards the lower right.
  const distance = Math.hypot(x - 0.58, y - 0.56);
  const ring = distance > 0.16 && distance < 0.24;
  const along = (x - 0.58 + (y - 0.56)) / Math.SQRT2;
  const across = Math.abs(x - 0.58 - (y - 0.56)) / Math.SQRT2;
  const handle = along > 0.24 && along < 0.44 && across < 0.055;
  return { inside, white: inside && (cardBorder || stripe || ring || handle) };
}

/** RGBA pixels, each the average of 4×4 samples so that edges are smooth at 16 px. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let alpha = 0;
      let whiteShare = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const { inside, white } = coverage(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
          );
          if (inside) alpha++;
          if (white) whiteShare++;
        }
      }
      const at = (py * size + px) * 4;
      const mix = alpha === 0 ? 0 : whiteShare / alpha;
      for (let channel = 0; channel < 3; channel++) {
        pixels[at + channel] = Math.round(
          (ACCENT[channel] as number) * (1 - mix) + (WHITE[channel] as number) * mix,
        );
      }
      pixels[at + 3] = Math.round((alpha / samples ** 2) * 255);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const body = Buffer.concat([head.subarray(4), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

/** A minimal RGBA PNG: IHDR, one IDAT, IEND. */
export function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    // Filter type 0 (none) before each row.
    rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

export function iconPng(size: number): Buffer {
  return encodePng(size, drawIcon(size));
}
