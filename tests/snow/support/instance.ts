// A client wired to a recording server, for the Table API resource tests.
import { createSnowClient, type SnowClient } from '../../../snow/src/client.js';
import { RecordingServer, type CannedResponse, type Responder } from './recording-server.js';

export interface TestInstance {
  readonly server: RecordingServer;
  readonly client: SnowClient;
}

export async function startInstance(
  responses: Responder | CannedResponse | readonly CannedResponse[],
): Promise<TestInstance> {
  const server = await RecordingServer.start(responses);
  const client = createSnowClient({
    instanceUrl: server.url,
    username: 'svc',
    password: 'pw',
    timeoutMs: 2000,
  });
  return { server, client };
}
