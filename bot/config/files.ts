// The FILES_ settings: what employees may send to an agent, how the bot moves the bytes, and how
// long the links to an agent's files live. Built from the validated environment by load.ts.
import type { ValidEnvironment } from './env-schema.js';

/**
 * Content types ServiceNow documents for chat attachments (servicenow-va-api.md §3: PDF, Word,
 * PNG, JPEG, plain text, MPEG video), plus the images and Office formats employees send most.
 */
export const DEFAULT_ALLOWED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  'video/mp4',
  'video/mpeg',
] as const;

/**
 * Where Teams keeps a file sent with the attach button: the sender's OneDrive, a SharePoint host
 * (Microsoft Learn, "Send and receive files using bot": the `downloadUrl` of a
 * `file.download.info` attachment). Inline images come from the Bot Connector itself, which is
 * allowed separately (it is the activity's own serviceUrl).
 */
export const DEFAULT_DOWNLOAD_HOSTS = ['*.sharepoint.com', '*.sharepoint.us'] as const;

export interface FilesConfig {
  readonly maxBytes: number;
  /** 0: the bot takes no files at all. */
  readonly maxPerMessage: number;
  /** Lower-case content types; `type/*` allows a whole family. */
  readonly allowedTypes: readonly string[];
  /** Files moved at once by one instance (download and upload streamed together). */
  readonly maxTransfers: number;
  readonly linkTtlMs: number;
  /** Signs download links; without it each instance signs with a random key of its own. */
  readonly linkSecret?: string;
  /** The bot's public base URL (https://bot.example.com), for links to an agent's files. */
  readonly publicUrl?: string;
  /** Host names (or `*.suffix`) files may be downloaded from, besides the Bot Connector. */
  readonly downloadHosts: readonly string[];
  /** Loopback hosts over plain HTTP too: tests and sandbox mode only, never in production. */
  readonly allowLoopback: boolean;
  /** Provider application sys_id sent with media uploads (instances with several). */
  readonly providerApplicationId?: string;
}

const list = (value: string | undefined) =>
  value
    ?.toLowerCase()
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

export function filesConfig(env: ValidEnvironment, sandbox: boolean): FilesConfig {
  const publicUrl = env.FILES_PUBLIC_URL?.replace(/\/+$/, '');
  return {
    maxBytes: Math.round((env.FILES_MAX_MB ?? 25) * 1024 * 1024),
    maxPerMessage: env.FILES_MAX_PER_MESSAGE ?? 5,
    allowedTypes: list(env.FILES_ALLOWED_TYPES) ?? [...DEFAULT_ALLOWED_TYPES],
    maxTransfers: env.FILES_MAX_TRANSFERS ?? 4,
    linkTtlMs: (env.FILES_LINK_SECONDS ?? 900) * 1000,
    downloadHosts: list(env.FILES_DOWNLOAD_HOSTS) ?? [...DEFAULT_DOWNLOAD_HOSTS],
    allowLoopback: (env.FILES_ALLOW_LOOPBACK ?? (sandbox ? 'true' : 'false')) === 'true',
    ...(env.FILES_LINK_SECRET === undefined ? {} : { linkSecret: env.FILES_LINK_SECRET }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(env.FILES_PROVIDER_APPLICATION_ID === undefined
      ? {}
      : { providerApplicationId: env.FILES_PROVIDER_APPLICATION_ID }),
  };
}

/** Settings that are valid one by one but not together, or not in production. */
export function filesProblems(env: ValidEnvironment): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && env.FILES_ALLOW_LOOPBACK === 'true') {
    problems.push('FILES_ALLOW_LOOPBACK: must not be true in production');
  }
  const url = env.FILES_PUBLIC_URL;
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    const https = parsed?.protocol === 'https:';
    const loopback = parsed?.protocol === 'http:' && env.NODE_ENV !== 'production';
    if (
      parsed === undefined ||
      !(https || loopback) ||
      parsed.username !== '' ||
      parsed.search !== ''
    ) {
      problems.push('FILES_PUBLIC_URL: must be an https URL without credentials or query');
    }
  }
  return problems;
}
