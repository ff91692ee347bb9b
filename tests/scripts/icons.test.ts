import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, ICON_SIZES, iconPng } from '../../scripts/icons';

describe('the icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is the drawing, byte for byte', (size) => {
    const committed = readFileSync(new URL(`../../public/icon/${size}.png`, import.meta.url));
    expect(committed.equals(iconPng(size))).toBe(true);
  });

  it.each(ICON_SIZES)('%i px: a PNG of that size whose pixels are the drawing', (size) => {
    const png = iconPng(size);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(size);
    expect(png.readUInt32BE(20)).toBe(size);
    const idat = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const pixels = drawIcon(size);
    for (let y = 0; y < size; y++) {
      expect(rows[y * (size * 4 + 1)]).toBe(0);
      expect(
        rows
          .subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1))
          .equals(pixels.subarray(y * size * 4, (y + 1) * size * 4)),
      ).toBe(true);
    }
    // Transparent corners, an opaque middle.
    expect(pixels[3]).toBe(0);
    expect(pixels[((size >> 1) * size + (size >> 1)) * 4 + 3]).toBe(255);
  });
});
