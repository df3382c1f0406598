// The simulator's knowledge: two knowledge bases (IT self-service, for employees; IT technicians,
// internal) with a dozen articles about VPN, passwords, laptops and printers in English, German and
// Spanish, and a keyword relevance score that ranks sensible matches first. It stands in for
// ServiceNow's search (Zing / AI Search), whose exact scores are not documented: only their
// order (best first) is part of the contract.
import type { Row, TableDef } from './tables.js';

/** kb_knowledge_base sys_id of "IT Self-Service": what employees may read. */
export const SELF_SERVICE_KB = '0f5a3b0c1d2e4f60a7b8c9d0e1f2a3b4';
/** kb_knowledge_base sys_id of "IT Technicians (internal)": readable by the integration account only. */
export const TECHNICIANS_KB = '9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a50';

export interface KbArticle {
  readonly sys_id: string;
  readonly number: string;
  readonly short_description: string;
  /** HTML, as authors write it (with the odd tag ServiceNow would sanitise on display). */
  readonly text: string;
  readonly kb_knowledge_base: string;
  readonly language: string;
  readonly workflow_state: 'published' | 'draft' | 'retired';
  /** YYYY-MM-DD; ServiceNow's default for "no end" is 2100-01-01. */
  readonly valid_to: string;
}

export const KNOWLEDGE_BASES = [
  { sys_id: SELF_SERVICE_KB, title: 'IT Self-Service', active: 'true' },
  { sys_id: TECHNICIANS_KB, title: 'IT Technicians (internal)', active: 'true' },
] as const;

const forever = '2100-01-01';

function article(
  n: number,
  kb: string,
  language: string,
  title: string,
  text: string,
  state: KbArticle['workflow_state'] = 'published',
  validTo = forever,
): KbArticle {
  return {
    sys_id: `${kb.slice(0, 20)}${String(n).padStart(12, '0')}`,
    number: `KB${String(n).padStart(7, '0')}`,
    short_description: title,
    text,
    kb_knowledge_base: kb,
    language,
    workflow_state: state,
    valid_to: validTo,
  };
}

const S = SELF_SERVICE_KB;
const T = TECHNICIANS_KB;

export const DEFAULT_ARTICLES: readonly KbArticle[] = [
  article(
    10001,
    S,
    'en',
    'VPN keeps disconnecting',
    '<p>If your <b>VPN</b> connection keeps dropping, switch from Wi-Fi to a cable if you can, then open the VPN client and choose <i>Reconnect</i>. Update the client to the latest version from Software Center.</p>',
  ),
  article(
    10002,
    S,
    'en',
    'Connect to the company VPN from home',
    '<p>Open the GlobalProtect client and sign in with your work account.<img src="x" onerror="alert(1)"> If it keeps disconnecting after the computer wakes from sleep, sign out and in again.</p><style>p{color:red}</style>',
  ),
  article(
    10003,
    S,
    'en',
    'Reset your password',
    '<p>Go to the self-service portal, select <b>Forgot password</b> and follow the steps. You need your phone for the verification code.</p>',
  ),
  article(
    10004,
    S,
    'en',
    'Account locked after too many sign-in attempts',
    '<p>After five wrong passwords your account is locked for 15 minutes. Wait, or reset your password in the portal.</p>',
  ),
  article(
    10005,
    S,
    'en',
    'Add a network printer',
    '<p>Open Settings &gt; Printers &amp; scanners, select <b>Add device</b> and pick the printer named on its label.</p>',
  ),
  article(
    10006,
    S,
    'en',
    'Printer shows as offline',
    '<p>Check that the printer is on and has paper, then remove it and add it again.</p>',
  ),
  article(
    10007,
    S,
    'en',
    'Laptop does not charge: check the power adapter',
    '<p>Try another outlet and adapter.</p>',
    'retired',
  ),
  article(
    10008,
    S,
    'en',
    'Laptop battery will not charge after the 2024 update',
    '<p>Install the 2025 firmware update.</p>',
    'published',
    '2025-06-30',
  ),
  article(
    10011,
    S,
    'de',
    'VPN-Verbindung bricht ständig ab',
    '<p>Wenn die <b>VPN</b>-Verbindung immer wieder abbricht, verbinden Sie sich per Kabel und wählen im VPN-Client <i>Neu verbinden</i>.</p>',
  ),
  article(
    10012,
    S,
    'de',
    'Passwort zurücksetzen',
    '<p>Wählen Sie im Self-Service-Portal <b>Passwort vergessen</b> und folgen Sie den Schritten.</p>',
  ),
  article(
    10013,
    S,
    'es',
    'La VPN se desconecta constantemente',
    '<p>Si la <b>VPN</b> se desconecta, use un cable de red y elija <i>Reconectar</i> en el cliente VPN.</p>',
  ),
  article(
    10014,
    S,
    'es',
    'Restablecer la contraseña',
    '<p>En el portal de autoservicio, elija <b>Olvidé mi contraseña</b> y siga los pasos.</p>',
  ),
  article(
    20001,
    T,
    'en',
    'VPN gateway failover when users keep disconnecting (technicians only)',
    '<p>Gateway admin console: vpn-gw-01.corp.example. Fail over with the break-glass account.</p>',
  ),
  article(
    20002,
    T,
    'en',
    'Laptop battery replacement (technicians only)',
    '<p>Order part 45N1234 and book the repair bench.</p>',
  ),
];

const stopWords = new Set(
  (
    'a an and are at be but by can cannot do does for from has have i in is it its keep keeps my ' +
    'me not of on or our the this to was will with won t you your ' +
    'der die das ein eine ist mein meine nicht und mit es ich ' +
    'el la los las un una es mi no y con se de en'
  ).split(' '),
);

/** Lower-cased, accent-free words with common endings removed ("disconnecting" → "disconnect"). */
export function terms(text: string): string[] {
  return text
    .replace(/<[^>]*>/g, ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !stopWords.has(w))
    .map(stem);
}

function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

/** 0 when nothing matches; a title word counts three times a word of the text. */
export function relevance(query: string, a: KbArticle): number {
  const wanted = new Set(terms(query));
  if (wanted.size === 0) return 0;
  const title = new Set(terms(a.short_description));
  const body = new Set(terms(a.text));
  let points = 0;
  for (const w of wanted) points += (title.has(w) ? 3 : 0) + (body.has(w) ? 1 : 0);
  return Math.round((points / wanted.size) * 2500) / 1000;
}

const ARTICLE_FIELDS = [
  'sys_id',
  'number',
  'short_description',
  'text',
  'kb_knowledge_base',
  'language',
  'workflow_state',
  'valid_to',
];

/** `kb_knowledge` (with its text index) and `kb_knowledge_base`, for the Table API. */
export function knowledgeTables(articles: () => readonly KbArticle[]): [string, TableDef][] {
  return [
    [
      'kb_knowledge',
      {
        fields: ARTICLE_FIELDS,
        references: { kb_knowledge_base: 'kb_knowledge_base' },
        rows: () => articles().map((a): Row => ({ ...a })),
        textMatch: (row, words) => relevance(words, row as unknown as KbArticle) > 0,
      },
    ],
    [
      'kb_knowledge_base',
      {
        fields: ['sys_id', 'title', 'active'],
        references: {},
        rows: () => KNOWLEDGE_BASES.map((kb): Row => ({ ...kb })),
      },
    ],
  ];
}
