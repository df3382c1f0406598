// Checks the icons read back from the package: real PNGs of the sizes Teams requires, and an
// outline icon that is white on a transparent background.
import { PNG } from 'pngjs';

export type IconKind = 'color' | 'outline';

const SIZES: Readonly<Record<IconKind, number>> = { color: 192, outline: 32 };

/** Problems with one icon, each naming the file. */
export function checkIcon(file: string, bytes: Buffer, kind: IconKind): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch {
    return [`${file}: is not a readable PNG image`];
  }
  const size = SIZES[kind];
  if (png.width !== size || png.height !== size) {
    return [`${file}: must be ${size}×${size} pixels, is ${png.width}×${png.height}`];
  }
  return kind === 'outline' ? checkOutline(file, png) : checkColor(file, png);
}

function checkOutline(file: string, png: PNG): string[] {
  let transparent = 0;
  let visible = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3] ?? 0;
    if (alpha === 0) {
      transparent += 1;
      continue;
    }
    visible += 1;
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured += 1;
  }
  const problems: string[] = [];
  if (transparent === 0) problems.push(`${file}: must have a transparent background`);
  if (visible === 0) problems.push(`${file}: is fully transparent`);
  if (coloured > 0) {
    problems.push(`${file}: must be white on transparent (${coloured} pixels are not white)`);
  }
  return problems;
}

function checkColor(file: string, png: PNG): string[] {
  for (let i = 3; i < png.data.length; i += 4) {
    if ((png.data[i] ?? 0) > 0) return [];
  }
  return [`${file}: is fully transparent`];
}
