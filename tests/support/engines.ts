// The Node.js versions package.json's engines allow, for the tests that keep the image and the
// bot's own support verdict in step with them.
import { readFileSync } from 'node:fs';

/** package.json's `engines.node`. */
export function packageEngines(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { engines: { node: string } };
  return manifest.engines.node;
}

/** Whether Node `major`.0.0 falls in an engines range such as ">=20.19 <21 || >=22". */
export function enginesAllow(range: string, major: number): boolean {
  const below = (a: number[], b: number[]): boolean => {
    const i = a.findIndex((n, j) => n !== (b[j] ?? 0));
    return i >= 0 && (a[i] ?? 0) < (b[i] ?? 0);
  };
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .every((comparator) => {
        const [, op, version] = /^(>=|<)(\d+(?:\.\d+)*)$/.exec(comparator) ?? [];
        if (version === undefined)
          throw new Error(`engines comparator not understood: ${comparator}`);
        const bound = version.split('.').map(Number);
        return op === '<' ? below([major, 0, 0], bound) : !below([major, 0, 0], bound);
      }),
  );
}
