// Offline validation of a manifest against the official Teams JSON schema for its
// `manifestVersion`, as shipped in the @microsoft/app-manifest package (JSON Schema draft-04).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import AjvDraft04Pkg from 'ajv-draft-04';
import addFormatsPkg from 'ajv-formats';

const AjvDraft04 = AjvDraft04Pkg.default;
const addFormats = addFormatsPkg.default;

export class ManifestSchemas {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly root: string;

  constructor(root?: string) {
    this.root = root ?? defaultSchemaRoot();
  }

  /** Problems, one line per field, e.g. `manifest.json /accentColor: must match pattern …`. */
  validate(manifest: unknown, sources: ReadonlyMap<string, string> = new Map()): string[] {
    const version = manifestVersionOf(manifest);
    if (version === undefined) return ['manifest.json /manifestVersion: is required'];
    const validate = this.validatorFor(version);
    if (validate === undefined) {
      return [`manifest.json /manifestVersion: no bundled schema for version "${version}"`];
    }
    if (validate(manifest)) return [];
    const lines = (validate.errors ?? []).map((e) => describe(e, sources));
    return [...new Set(lines)];
  }

  private validatorFor(version: string): ValidateFunction | undefined {
    const cached = this.compiled.get(version);
    if (cached !== undefined) return cached;
    let raw: string;
    try {
      raw = readFileSync(join(this.root, `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8');
    } catch {
      return undefined;
    }
    // The newer schemas use the regex escapes \a and \v, which JavaScript's RegExp rejects in
    // unicode mode; these are the same characters written the portable way.
    const schema = JSON.parse(
      raw.replace(/\\\\a/g, '\\\\u0007').replace(/\\\\v/g, '\\\\u000b'),
    ) as object;
    const ajv = new AjvDraft04({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    this.compiled.set(version, validate);
    return validate;
  }
}

function defaultSchemaRoot(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@microsoft/app-manifest/package.json');
  return join(dirname(pkg), 'build', 'json-schemas', 'teams');
}

function manifestVersionOf(manifest: unknown): string | undefined {
  if (manifest === null || typeof manifest !== 'object') return undefined;
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  return typeof version === 'string' && /^[A-Za-z0-9.]+$/.test(version) ? version : undefined;
}

function describe(error: ErrorObject, sources: ReadonlyMap<string, string>): string {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath === '' ? '/' : error.instancePath;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    path = `${error.instancePath}/${String(params.missingProperty)}`;
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    path = `${error.instancePath}/${String(params.additionalProperty)}`;
    message = 'is not allowed here';
  } else if (error.keyword === 'enum') {
    message = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const source = sources.get(error.instancePath);
  return `manifest.json ${path}: ${message}${source === undefined ? '' : ` (set from ${source})`}`;
}
