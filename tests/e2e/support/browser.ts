// The browser that plays the employee in the end-to-end tests, found in a fixed order so that
// `npm ci && npm test` needs nothing installed by hand:
//   1. CHROMIUM_PATH, when set (and then it must exist: a typo never falls through silently);
//   2. a Chrome, Chromium or Edge installed at the usual places on Linux, macOS or Windows;
//   3. the Chromium that ships inside the `@sparticuz/chromium` dev dependency (Linux x64).
// Why that package: Playwright's and Puppeteer's own browsers are downloaded at install time from
// hosts outside the npm registry, which CI and fresh machines cannot reach; this one is a
// registry tarball with the binary in it (brotli-compressed, unpacked into the temp directory on
// first use), its 143.x line runs on Node 20, and it needs no system libraries beyond what a
// Debian base image has. No browser at all is a failure that says what to do, never a skip.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface FoundBrowser {
  readonly executablePath: string;
  /** Where it came from, for the test's log: `CHROMIUM_PATH`, `installed` or `bundled`. */
  readonly source: 'CHROMIUM_PATH' | 'installed' | 'bundled';
  /** Launch arguments this browser needs beyond the test's own. */
  readonly args: readonly string[];
}

const howToFix =
  'Set CHROMIUM_PATH to a Chrome, Chromium or Edge executable, or install one of them ' +
  '(on Linux x64 `npm ci` also brings a bundled Chromium with the @sparticuz/chromium dev dependency).';

/** Executables of installed browsers, most specific first, for this platform. */
export function installedCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (r): r is string => r !== undefined && r !== '',
    );
    return roots.flatMap((r) => [
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    '/snap/bin/chromium',
  ];
}

export interface FindOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
  readonly exists?: (path: string) => boolean;
  /** Unpacks the bundled Chromium and returns its path (the package's own code by default). */
  readonly bundled?: () => Promise<string>;
}

export async function findBrowser(options: FindOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const exists = options.exists ?? existsSync;

  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (!exists(configured)) {
      throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist. ${howToFix}`);
    }
    return { executablePath: configured, source: 'CHROMIUM_PATH', args: [] };
  }

  const installed = installedCandidates(platform, env).find(exists);
  if (installed !== undefined) return { executablePath: installed, source: 'installed', args: [] };

  if (platform === 'linux' && arch === 'x64') {
    const unpack = options.bundled ?? unpackBundledChromium;
    try {
      // A single-purpose headless build: it runs without a zygote process.
      return { executablePath: await unpack(), source: 'bundled', args: ['--no-zygote'] };
    } catch (err) {
      throw new Error(`The bundled Chromium could not be unpacked. ${howToFix}`, { cause: err });
    }
  }
  throw new Error(`No browser found for the end-to-end tests on ${platform}/${arch}. ${howToFix}`);
}

async function unpackBundledChromium(): Promise<string> {
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}
