// "Cosmos DB reachable with the right containers": the database and each container the bot uses,
// partitioned on /id as the code expects. Read-only: unlike the bot at start-up, the doctor
// creates nothing, so a missing container is reported rather than hidden.
import { CosmosClient } from '@azure/cosmos';
import type { RemoteCosmosConfig } from '../../config/index.js';
import { CONTAINERS } from '../../store/index.js';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';

const PARTITION_KEY = '/id';

export const cosmosCheck: Check = {
  id: CheckId.cosmos,
  title: 'Cosmos DB reachable, right containers',
  needs: [CheckId.config],
  async run(context: DoctorContext): Promise<Finding> {
    const cosmos = context.config?.cosmos;
    if (cosmos?.mode !== 'remote') {
      return {
        status: CheckStatus.skip,
        detail:
          'embedded memory-only store (no COSMOS_ENDPOINT): nothing to reach; data is lost on restart',
      };
    }
    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: {
        // A loopback http endpoint (an emulator) has no regions to discover.
        enableEndpointDiscovery: !cosmos.endpoint.startsWith('http:'),
        requestTimeout: 10_000,
        retryOptions: {
          maxRetryAttemptCount: 1,
          fixedRetryIntervalInMilliseconds: 500,
          maxWaitTimeInSeconds: 5,
        },
      },
    });
    try {
      return await inspect(client, cosmos);
    } catch (error) {
      return describeCosmosError(error, cosmos);
    } finally {
      client.dispose();
    }
  },
};

async function inspect(client: CosmosClient, cosmos: RemoteCosmosConfig): Promise<Finding> {
  const database = client.database(cosmos.database);
  await database.read();
  const { resources } = await database.containers.readAll().fetchAll();
  const found = new Map(resources.map((c) => [c.id, c.partitionKey?.paths ?? []]));
  const expected: string[] = Object.values(CONTAINERS);
  const missing = expected.filter((id) => !found.has(id));
  const wrongKey = expected.filter((id) => {
    const paths = found.get(id);
    return paths !== undefined && (paths.length !== 1 || paths[0] !== PARTITION_KEY);
  });
  if (missing.length === 0 && wrongKey.length === 0) {
    return {
      status: CheckStatus.pass,
      detail: `database ${cosmos.database}: ${expected.join(', ')} on ${PARTITION_KEY}`,
    };
  }
  const problems = [
    ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
    ...(wrongKey.length > 0 ? [`not partitioned on ${PARTITION_KEY}: ${wrongKey.join(', ')}`] : []),
  ];
  return {
    status: CheckStatus.fail,
    detail: `database ${cosmos.database}: ${problems.join('; ')}`,
    fix:
      missing.length > 0 && wrongKey.length === 0
        ? `Deploy the infra/ templates (they create every container), or start the bot once with a key allowed to create them.`
        : `A partition key cannot be changed: recreate ${wrongKey.join(', ')} on ${PARTITION_KEY} (the infra/ templates do), moving any data you keep.`,
  };
}

function describeCosmosError(error: unknown, cosmos: RemoteCosmosConfig): Finding {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 404) {
    return {
      status: CheckStatus.fail,
      detail: `database ${cosmos.database} does not exist at ${cosmos.endpoint}`,
      fix: 'Check COSMOS_DATABASE, or deploy the infra/ templates, which create it with its containers.',
    };
  }
  if (code === 401 || code === 403) {
    return {
      status: CheckStatus.fail,
      detail: `Cosmos DB at ${cosmos.endpoint} refused access (${code})`,
      fix:
        code === 401
          ? 'Check COSMOS_KEY: it must be a current key of this account (keys change when rotated).'
          : "Check the account's firewall / network rules let this host in, and the key or identity's permissions.",
    };
  }
  const reason = typeof code === 'string' || typeof code === 'number' ? ` (${code})` : '';
  return {
    status: CheckStatus.fail,
    detail: `cannot reach Cosmos DB at ${cosmos.endpoint}${reason}`,
    fix: 'Check COSMOS_ENDPOINT and that this host can reach the account (network, private endpoint, firewall).',
  };
}
