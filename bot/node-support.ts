// Whether the Node.js the bot runs on still gets security fixes. The bot runs on the release lines
// its package.json engines name; each ends on the date of the Node.js release schedule. The bot
// warns at start-up, and `npm run doctor` reports it, when its line has ended or ends soon.

/** End of life of each release line the bot runs on (the Node.js release schedule). */
const END_OF_LIFE: ReadonlyMap<number, string> = new Map([
  [20, '2026-04-30'],
  [22, '2027-04-30'],
]);
/** How long before its end of life a release line is reported as ending. */
const NOTICE_MS = 90 * 24 * 3600 * 1000;
/** Node 20 before 20.19 cannot require() the ES modules the bot's dependencies publish. */
const MIN_20_MINOR = 19;

export const NodeSupportStatus = {
  supported: 'supported',
  /** Supported, but its end of life is less than three months away. */
  ending: 'ending',
  /** Past its end of life: it runs, without security fixes. */
  ended: 'ended',
  /** A Node.js the bot does not run on. */
  unsupported: 'unsupported',
} as const;
export type NodeSupportStatus = (typeof NodeSupportStatus)[keyof typeof NodeSupportStatus];

export interface NodeSupport {
  readonly status: NodeSupportStatus;
  /** One line, naming the version and the date. */
  readonly detail: string;
  /** What to do; given for every status but supported. */
  readonly fix?: string;
}

const MOVE_TO_22 =
  'Run the bot on Node.js 22, as the container image does (infra/README.md, "The image").';
const NEXT_LINE =
  'Plan the move to the next release line: Node.js 24 needs restify 12 (infra/README.md, "The image").';

/** `version` as process.version gives it ("v22.23.5"); `now` in ms since the epoch. */
export function nodeSupport(version: string, now: number): NodeSupport {
  const bare = version.replace(/^v/, '');
  const [major = NaN, minor = NaN] = bare.split('.').map(Number);
  const name = `Node.js ${bare}`;
  const endOfLife = END_OF_LIFE.get(major);
  if (endOfLife === undefined || (major === 20 && minor < MIN_20_MINOR)) {
    const why =
      major > 22
        ? 'restify 11 cannot load there (it uses the http_parser binding Node.js 24 removed)'
        : 'the bot runs on Node.js 20.19 or later and 22';
    return { status: NodeSupportStatus.unsupported, detail: `${name}: ${why}`, fix: MOVE_TO_22 };
  }
  const ends = Date.parse(`${endOfLife}T23:59:59Z`);
  const fix = major < 22 ? MOVE_TO_22 : NEXT_LINE;
  if (now > ends) {
    return {
      status: NodeSupportStatus.ended,
      detail: `${name}: its release line reached its end of life on ${endOfLife} and gets no security fixes`,
      fix,
    };
  }
  if (ends - now < NOTICE_MS) {
    return {
      status: NodeSupportStatus.ending,
      detail: `${name}: its release line reaches its end of life on ${endOfLife}`,
      fix,
    };
  }
  return { status: NodeSupportStatus.supported, detail: `${name}, supported until ${endOfLife}` };
}
