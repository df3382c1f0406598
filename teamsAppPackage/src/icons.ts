// The app's two icons, drawn from shapes in code so that they are reproducible (a test redraws
// them and compares their pixels with the committed PNGs): a colour icon, 192×192, and an
// outline icon, 32×32, white on transparent, as Teams requires. The motif is two speech bubbles:
// the employee's and the agent's.
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];
type Shape = (x: number, y: number) => boolean;

interface Layer {
  readonly color: Rgba;
  readonly shape: Shape;
}

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

const ACCENT: Rgba = [0x0e, 0x7a, 0x6f, 255];
const PALE: Rgba = [0xb8, 0xe6, 0xde, 255];
const WHITE: Rgba = [255, 255, 255, 255];
// Transparent white, so that anti-aliased edges of the outline icon stay pure white.
const CLEAR: Rgba = [255, 255, 255, 0];
const SAMPLES = 4;

export function drawColorIcon(): Buffer {
  const own = roundedRect(28, 40, 132, 112, 18);
  const ownTail = triangle([44, 106], [72, 106], [38, 136]);
  const agent = roundedRect(76, 92, 164, 150, 16);
  const agentTail = triangle([132, 146], [156, 146], [162, 172]);
  const gap = (x: number, y: number) => [own, ownTail].some((s) => near(s, x, y, 6));
  const dots = union(circle(56, 76, 7), circle(80, 76, 7), circle(104, 76, 7));
  return render(COLOR_ICON_SIZE, [
    { color: ACCENT, shape: () => true },
    { color: PALE, shape: union(agent, agentTail) },
    { color: ACCENT, shape: gap },
    { color: WHITE, shape: union(own, ownTail) },
    { color: ACCENT, shape: dots },
  ]);
}

export function drawOutlineIcon(): Buffer {
  const outer = roundedRect(3, 5, 29, 23, 5);
  const inner = roundedRect(5.2, 7.2, 26.8, 20.8, 3);
  const ring = (x: number, y: number) => outer(x, y) && !inner(x, y);
  const tail = triangle([8, 22], [14, 22], [6.5, 28.5]);
  const dots = union(circle(11, 14, 1.7), circle(16, 14, 1.7), circle(21, 14, 1.7));
  return render(OUTLINE_ICON_SIZE, [
    { color: CLEAR, shape: () => true },
    { color: WHITE, shape: union(ring, tail, dots) },
  ]);
}

/** Supersamples each pixel (SAMPLES² points) and averages the topmost layer's colour. */
function render(size: number, layers: readonly Layer[]): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const top = [...layers].reverse();
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          const [r, g, b, a] = (top.find((l) => l.shape(x, y)) ?? { color: CLEAR }).color;
          sum[0] = (sum[0] ?? 0) + r * a;
          sum[1] = (sum[1] ?? 0) + g * a;
          sum[2] = (sum[2] ?? 0) + b * a;
          sum[3] = (sum[3] ?? 0) + a;
        }
      }
      const alpha = sum[3] ?? 0;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) {
        png.data[offset + c] = alpha === 0 ? 255 : Math.round((sum[c] ?? 0) / alpha);
      }
      png.data[offset + 3] = Math.round(alpha / (SAMPLES * SAMPLES));
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function triangle(
  a: readonly [number, number],
  b: readonly [number, number],
  c: readonly [number, number],
): Shape {
  const side = (p: readonly [number, number], q: readonly [number, number], x: number, y: number) =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const d1 = side(a, b, x, y);
    const d2 = side(b, c, x, y);
    const d3 = side(c, a, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

function union(...shapes: readonly Shape[]): Shape {
  return (x, y) => shapes.some((s) => s(x, y));
}

/** Whether a point lies within `distance` of the shape (tested on a coarse ring of offsets). */
function near(shape: Shape, x: number, y: number, distance: number): boolean {
  if (shape(x, y)) return true;
  for (let i = 0; i < 16; i += 1) {
    const angle = (i / 16) * 2 * Math.PI;
    if (shape(x + distance * Math.cos(angle), y + distance * Math.sin(angle))) return true;
  }
  return false;
}
