// Redraws the committed icons (color.png, outline.png) from icons.ts. Run after changing the
// drawing: `node --import tsx teamsAppPackage/src/draw-icons.ts`; a test fails until you do.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drawColorIcon, drawOutlineIcon } from './icons.js';

const folder = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(`${folder}color.png`, drawColorIcon());
writeFileSync(`${folder}outline.png`, drawOutlineIcon());
process.stdout.write(`Wrote ${folder}color.png and ${folder}outline.png\n`);
