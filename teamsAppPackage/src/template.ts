// Fills the manifest template's `${{KEY}}` placeholders (the Microsoft 365 Agents Toolkit's
// syntax) inside the parsed JSON, never in its text, so a value with quotes cannot break the
// document. A string array item that is exactly one list-valued placeholder expands to the
// list's items (zero or more). Records which setting filled which field, so a schema error on
// that field can name the setting to fix.
import { PackageError, PackageErrorCodes } from './errors.js';

export type PlaceholderValues = Readonly<Record<string, string | readonly string[]>>;

export interface FilledTemplate {
  readonly manifest: unknown;
  /** JSON pointer of each filled field → the setting it came from. */
  readonly sources: ReadonlyMap<string, string>;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** Throws PackageError (PACKAGE_TEMPLATE_INVALID) naming every unknown or misused placeholder. */
export function fillTemplate(template: unknown, values: PlaceholderValues): FilledTemplate {
  const sources = new Map<string, string>();
  const problems: string[] = [];
  const fillString = (text: string, path: string): string =>
    text.replace(PLACEHOLDER, (whole, key: string) => {
      const value = values[key];
      if (typeof value === 'string') {
        sources.set(path, key);
        return value;
      }
      problems.push(
        value === undefined
          ? `manifest.json ${path}: unknown placeholder ${whole}`
          : `manifest.json ${path}: ${whole} is a list and must be a whole array item`,
      );
      return whole;
    });
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') return fillString(node, path);
    if (Array.isArray(node)) return walkArray(node, path);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, walk(v, `${path}/${escapePointer(k)}`)]),
      );
    }
    return node;
  };
  const walkArray = (items: readonly unknown[], path: string): unknown[] =>
    items.flatMap((item, index): unknown[] => {
      const key = typeof item === 'string' ? WHOLE_PLACEHOLDER.exec(item)?.[1] : undefined;
      const list = key === undefined ? undefined : values[key];
      if (key !== undefined && Array.isArray(list)) {
        sources.set(path, key);
        return [...(list as readonly string[])];
      }
      return [walk(item, `${path}/${index}`)];
    });
  const manifest = walk(template, '');
  if (problems.length > 0) {
    throw new PackageError(PackageErrorCodes.PACKAGE_TEMPLATE_INVALID, problems);
  }
  return { manifest, sources };
}

/** JSON pointers of string values that still contain `${{`: a template nobody filled in. */
export function findLeftoverPlaceholders(manifest: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      if (node.includes('${{')) found.push(path === '' ? '/' : path);
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        walk(item, `${path}/${index}`);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, `${path}/${escapePointer(k)}`);
    }
  };
  walk(manifest, '');
  return found;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
