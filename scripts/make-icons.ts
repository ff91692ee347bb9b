/** Writes public/icon/<size>.png from the drawing in scripts/icons.ts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { ICON_SIZES, iconPng } from './icons';

const folder = new URL('../public/icon/', import.meta.url);
mkdirSync(folder, { recursive: true });
for (const size of ICON_SIZES) writeFileSync(new URL(`${size}.png`, folder), iconPng(size));
console.log(`Wrote ${ICON_SIZES.map((size) => `public/icon/${size}.png`).join(', ')}`);
