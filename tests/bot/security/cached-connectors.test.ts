// Kept Bot Connector clients: one per app id, serviceUrl and audience, bounded, and a
// failed build is not kept. The inner factory stands in for botbuilder's, which builds clients.
// botbuilder exports neither ConnectorFactory nor ClaimsIdentity as values, so the stand-ins here
// are plain objects of the same shape.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CachedConnectors,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from '../../../bot/security/cached-connectors.js';

const teams = 'https://smba.trafficmanager.net/emea/';
const other = 'https://smba.trafficmanager.net/amer/';

function claims(values: Record<string, string>): ClaimsIdentity {
  return {
    claims: Object.entries(values).map(([type, value]) => ({ type, value })),
    isAuthenticated: true,
    getClaimValue: (type: string) => values[type] ?? null,
  };
}

interface BuiltClient {
  readonly serviceUrl: string;
  readonly audience?: string;
  readonly number: number;
}

/** Builds a distinct object per call, numbered, and fails the builds it is told to. */
class NumberingFactory {
  built = 0;
  failures = 0;

  readonly factory = {
    create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      this.built += 1;
      if (this.failures > 0) {
        this.failures -= 1;
        return Promise.reject(new Error('Invalid appId.'));
      }
      const client: BuiltClient = { serviceUrl, audience, number: this.built };
      return Promise.resolve(client as unknown as ConnectorClient);
    },
  };
}

const bot = claims({ aud: 'bot-app-id' });

describe('CachedConnectors', () => {
  it('hands out the same client for the same app id, serviceUrl and audience', async () => {
    const cache = new CachedConnectors();
    const inner = new NumberingFactory();
    const first = await cache.connectorFactory(bot, inner.factory).create(teams, 'aud');
    const again = await cache.connectorFactory(bot, inner.factory).create(teams, 'aud');
    assert.equal(again, first);
    assert.equal(inner.built, 1);
  });

  it('builds another client when any part of the key differs', async () => {
    const cache = new CachedConnectors();
    const inner = new NumberingFactory();
    const clients = await Promise.all([
      cache.connectorFactory(bot, inner.factory).create(teams, 'aud'),
      cache.connectorFactory(bot, inner.factory).create(other, 'aud'),
      cache.connectorFactory(bot, inner.factory).create(teams, 'another-aud'),
      cache.connectorFactory(bot, inner.factory).create(teams),
      cache.connectorFactory(claims({ aud: 'other-bot' }), inner.factory).create(teams),
      cache.connectorFactory(claims({ appid: 'bot-app-id' }), inner.factory).create(teams),
      cache.connectorFactory(claims({}), inner.factory).create(teams),
    ]);
    // The emulator's appid claim names the same bot as a channel's aud claim: same credentials.
    assert.equal(clients[5], clients[3]);
    assert.equal(new Set(clients).size, 6);
    assert.equal(inner.built, 6);
    assert.deepEqual(clients[1], {
      serviceUrl: other,
      audience: 'aud',
      number: 2,
    });
  });

  it('shares one build between concurrent first requests', async () => {
    const cache = new CachedConnectors();
    const inner = new NumberingFactory();
    const factory = cache.connectorFactory(bot, inner.factory);
    const [a, b] = await Promise.all([factory.create(teams), factory.create(teams)]);
    assert.equal(a, b);
    assert.equal(inner.built, 1);
  });

  it('keeps at most the configured number of clients, dropping the least recently used', async () => {
    const cache = new CachedConnectors({ maxClients: 2 });
    const inner = new NumberingFactory();
    const factory = cache.connectorFactory(bot, inner.factory);
    const first = await factory.create('https://one.example/');
    await factory.create('https://two.example/');
    assert.equal(await factory.create('https://one.example/'), first);
    await factory.create('https://three.example/');
    assert.equal(cache.size, 2);
    assert.equal(await factory.create('https://one.example/'), first);
    const rebuilt = (await factory.create('https://two.example/')) as unknown as BuiltClient;
    assert.equal(rebuilt.number, 4);
  });

  it('does not keep a failed build: the next request builds again', async () => {
    const cache = new CachedConnectors();
    const inner = new NumberingFactory();
    inner.failures = 1;
    const factory = cache.connectorFactory(bot, inner.factory);
    await assert.rejects(factory.create(teams), /Invalid appId/);
    const client = (await factory.create(teams)) as unknown as BuiltClient;
    assert.equal(client.number, 2);
    assert.equal(await factory.create(teams), client as unknown as ConnectorClient);
  });

  it('keeps one user token client per app id', async () => {
    const cache = new CachedConnectors();
    let built = 0;
    const build = () => {
      built += 1;
      return Promise.resolve({ number: built } as unknown as UserTokenClient);
    };
    const first = await cache.userTokenClient(bot, build);
    assert.equal(await cache.userTokenClient(claims({ aud: 'bot-app-id' }), build), first);
    assert.notEqual(await cache.userTokenClient(claims({ aud: 'other-bot' }), build), first);
    assert.equal(built, 2);
  });
});
