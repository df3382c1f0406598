// The committed icons are exactly what icons.ts draws, and they meet Teams' icon rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import {
  checkIcon,
  drawColorIcon,
  drawOutlineIcon,
  PACKAGE_FOLDER,
} from '../../teamsAppPackage/src/index.js';

const committed = (name: string) => readFileSync(join(PACKAGE_FOLDER, name));

describe('Teams app icons', () => {
  // Pixels, not file bytes: another zlib version may compress the same image differently.
  it('are reproduced pixel for pixel by the drawing code (redraw with draw-icons.ts)', () => {
    for (const [name, drawn] of [
      ['color.png', drawColorIcon()],
      ['outline.png', drawOutlineIcon()],
    ] as const) {
      const expected = PNG.sync.read(drawn);
      const actual = PNG.sync.read(committed(name));
      assert.equal(actual.width, expected.width, name);
      assert.ok(actual.data.equals(expected.data), `${name} is stale`);
    }
  });

  it('pass the colour (192×192) and outline (32×32, white on transparent) checks', () => {
    assert.deepEqual(checkIcon('color.png', committed('color.png'), 'color'), []);
    assert.deepEqual(checkIcon('outline.png', committed('outline.png'), 'outline'), []);
  });

  it('give the colour icon an opaque background and the outline icon a drawn motif', () => {
    const color = PNG.sync.read(committed('color.png'));
    assert.equal(color.data[3], 255);
    const outline = PNG.sync.read(committed('outline.png'));
    const visible = [...outline.data].filter((_, i) => i % 4 === 3 && _ > 0).length;
    assert.ok(visible > 100 && visible < 32 * 32 - 200, `visible pixels: ${visible}`);
  });
});
