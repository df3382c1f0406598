// Validates a built package offline, from the zip bytes alone: the zip layout, the manifest
// against the official schema, placeholders nobody filled in, the icons (sizes and
// transparency read from the PNGs) and what this bot needs (a personal bot with its commands).
import { checkIcon, type IconKind } from './icon-checks.js';
import { ManifestSchemas } from './manifest-schema.js';
import { findLeftoverPlaceholders } from './template.js';
import { readZip, type ZipContents } from './zip.js';

/** The typed commands the bot answers; Teams sends the title as the message text. */
export const BOT_COMMANDS = ['Help', 'Live chat', 'End chat'] as const;

export interface ValidateOptions {
  /** Reused across calls: compiling a schema takes a moment. */
  readonly schemas?: ManifestSchemas;
  /** When given, bots[0].botId must be this id (the bot's MicrosoftAppId). */
  readonly expectedBotId?: string;
}

/** Every problem found, one line each naming the file or field; empty when the package is valid. */
export async function validateAppPackage(
  bytes: Buffer,
  options: ValidateOptions = {},
): Promise<string[]> {
  const zip = await readZip(bytes);
  if (zip === undefined) return ['package: is not a zip archive'];
  const manifestBytes = await zip.read('manifest.json');
  if (manifestBytes === undefined) {
    return ['package: manifest.json must be at the root of the zip', ...layoutProblems(zip, [])];
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return ['manifest.json: is not valid JSON'];
  }
  const icons = iconFiles(manifest);
  const leftovers = findLeftoverPlaceholders(manifest).map(
    (path) => `manifest.json ${path}: placeholder was not filled in`,
  );
  const schemas = options.schemas ?? new ManifestSchemas();
  return [
    ...layoutProblems(zip, Object.values(icons)),
    ...leftovers,
    ...schemas.validate(manifest),
    ...(await iconProblems(zip, icons)),
    ...botProblems(manifest, options.expectedBotId),
  ];
}

function layoutProblems(zip: ZipContents, icons: readonly string[]): string[] {
  const expected = new Set(['manifest.json', ...icons]);
  const problems: string[] = [];
  for (const name of zip.names) {
    if (name.includes('/')) {
      problems.push(`package: ${name} is in a folder; every file must be at the zip root`);
    } else if (!expected.has(name)) {
      problems.push(`package: ${name} is not referenced by the manifest`);
    }
  }
  return problems;
}

function iconFiles(manifest: unknown): Partial<Record<IconKind, string>> {
  const icons = (manifest as { icons?: Record<string, unknown> } | null)?.icons;
  const result: Partial<Record<IconKind, string>> = {};
  for (const kind of ['color', 'outline'] as const) {
    const file = icons?.[kind];
    if (typeof file === 'string') result[kind] = file;
  }
  return result;
}

async function iconProblems(
  zip: ZipContents,
  icons: Partial<Record<IconKind, string>>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const file = icons[kind];
    if (file === undefined) continue;
    const bytes = file.includes('/') ? undefined : await zip.read(file);
    if (bytes === undefined) {
      problems.push(`manifest.json /icons/${kind}: ${file} is not at the root of the zip`);
    } else {
      problems.push(...checkIcon(file, bytes, kind));
    }
  }
  return problems;
}

interface BotEntry {
  readonly botId?: unknown;
  readonly scopes?: unknown;
  readonly commandLists?: readonly {
    readonly commands?: readonly { readonly title?: unknown }[];
  }[];
}

function botProblems(manifest: unknown, expectedBotId: string | undefined): string[] {
  const bots = (manifest as { bots?: readonly BotEntry[] } | null)?.bots;
  const bot = bots?.[0];
  if (bot === undefined) return ['manifest.json /bots: must declare the bot'];
  const problems: string[] = [];
  if (!Array.isArray(bot.scopes) || !bot.scopes.includes('personal')) {
    problems.push('manifest.json /bots/0/scopes: must include "personal"');
  }
  if (
    expectedBotId !== undefined &&
    String(bot.botId).toLowerCase() !== expectedBotId.toLowerCase()
  ) {
    problems.push('manifest.json /bots/0/botId: is not the configured MicrosoftAppId');
  }
  const titles = new Set(
    (bot.commandLists ?? []).flatMap((list) => (list.commands ?? []).map((c) => c.title)),
  );
  const missing = BOT_COMMANDS.filter((title) => !titles.has(title));
  if (missing.length > 0) {
    problems.push(
      `manifest.json /bots/0/commandLists: missing the command(s) ${missing.join(', ')}`,
    );
  }
  return problems;
}
