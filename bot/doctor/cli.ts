// `npm run doctor`: checks the configuration the bot would run with (the environment over `.env`
// in the working directory) against the real systems, prints a pass/fail table with the fix for
// each failure, and exits 1 when any check failed (2 on a usage error).
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseDotenv } from 'dotenv';
import { formatRow, summary } from './report.js';
import { CHECKS, runDoctor, type DoctorOptions } from './run.js';

const usage = `Usage: npm run doctor -- [options]

  --bot-url <url>        the running bot (default http://127.0.0.1:<PORT>); beside it, a probe
                         chat verifies the VA token and the callback credentials end to end
  --metrics-url <url>    where that bot serves /metrics, when on a port of its own
                         (default http://127.0.0.1:<METRICS_PORT> when METRICS_PORT is set)
  --no-bot               do not look for a running bot
  --no-probe             do not send the probe chat to ServiceNow
  --probe-timeout <s>    how long to wait for the probe's callback (default 20)
  --package <zip|dir>    the Teams app package to validate, or a folder to take the newest from
                         (default: teamsAppPackage/build)
  --ticket-test          insert one marked test record into the ticket table and read it back
                         (default: the ticket table is only read)
  --survey-test          write the survey's field of one interaction without changing it
                         (default: interaction is only read)
  --json                 print the results as JSON
`;

async function main(argv: readonly string[]): Promise<number> {
  let options: DoctorOptions & { readonly json: boolean };
  try {
    options = readOptions(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const width = Math.max(...CHECKS.map((c) => c.title.length));
  if (!options.json) {
    process.stdout.write(
      `Live Agent doctor: checking the configuration against the real systems\n\n`,
    );
    process.stdout.write(`${'STATUS'.padEnd(7)}${'CHECK'.padEnd(width + 2)}FINDING\n`);
  }
  const report = await runDoctor({
    ...options,
    onResult: (result) => {
      if (!options.json) process.stdout.write(`${formatRow(result, width)}\n`);
    },
  });
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${summary(report)}\n`,
  );
  return report.ok ? 0 : 1;
}

function readOptions(argv: readonly string[]): DoctorOptions & { readonly json: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'bot-url': { type: 'string' },
      'metrics-url': { type: 'string' },
      'no-bot': { type: 'boolean', default: false },
      'no-probe': { type: 'boolean', default: false },
      'probe-timeout': { type: 'string' },
      package: { type: 'string' },
      'ticket-test': { type: 'boolean', default: false },
      'survey-test': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const seconds = values['probe-timeout'] === undefined ? 20 : Number(values['probe-timeout']);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error('--probe-timeout must be a number of seconds');
  const fromFile = existsSync('.env') ? parseDotenv(readFileSync('.env')) : {};
  return {
    // eslint-disable-next-line no-restricted-properties -- the entry point reads the environment once, as bot/main.ts does
    env: { ...fromFile, ...process.env },
    botUrl: values['no-bot'] ? false : values['bot-url'],
    metricsUrl: values['metrics-url'],
    probe: !values['no-probe'],
    probeTimeoutMs: seconds * 1000,
    packagePath: values.package,
    ticketTest: values['ticket-test'],
    surveyTest: values['survey-test'],
    json: values.json,
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    // Exits explicitly: HTTP keep-alive sockets to ServiceNow or Cosmos DB would hold the process.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`The doctor failed: ${error instanceof Error ? error.name : 'error'}\n`);
    process.exit(1);
  },
);
