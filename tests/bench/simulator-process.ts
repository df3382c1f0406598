// The ServiceNow simulator in its own process, with no scripted agent and no callback target: the
// benchmark issues the agent's callbacks itself. It reports when each user message reached the VA
// API (keyed by clientMessageId) and counts Table API reads by table (the availability checks).
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { ArrivalReporter, serveParent } from './ipc.js';
import { BENCH_AGENT } from './markers.js';

async function main(): Promise<void> {
  const [username = '', password = ''] = process.argv.slice(2);
  const arrivals = new ArrivalReporter();
  const tableReads: Record<string, number> = {};
  // The log callback needs the simulator it is passed to: it reads the request just recorded.
  const started: { simulator?: SnowSimulator } = {};
  const sim = await startSimulator({
    credentials: { username, password },
    scriptedAgent: false,
    agents: [{ name: BENCH_AGENT, available: true }],
    log: (event, fields) => {
      if (event === 'va.request') onVaRequest(started.simulator, arrivals);
      if (event === 'table.request') {
        const table = typeof fields?.table === 'string' ? fields.table : 'unknown';
        tableReads[table] = (tableReads[table] ?? 0) + 1;
      }
    },
  });
  started.simulator = sim;
  serveParent(
    { url: sim.url },
    {
      tableReads: () => ({ ...tableReads }),
    },
    () => sim.close(),
  );
}

/**
 * Called synchronously as the simulator records a VA request (after reading it and answering 200):
 * stamps its arrival, then forgets the record so that a long run does not fill the memory.
 */
function onVaRequest(simulator: SnowSimulator | undefined, arrivals: ArrivalReporter): void {
  if (simulator === undefined) return;
  const requests = simulator.requests as unknown[] as { body: { message?: unknown } }[];
  const message = requests.at(-1)?.body.message as { clientMessageId?: unknown } | undefined;
  if (typeof message?.clientMessageId === 'string') arrivals.record(message.clientMessageId);
  requests.length = 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator process failed: ${String(error)}\n`);
  process.exit(1);
});
