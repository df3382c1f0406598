// The floor: a bare restify server that does only what relaying one message physically needs:
// parse the incoming request and make one outgoing HTTP request (to ServiceNow's VA API for a Teams
// message, to the Bot Connector for a ServiceNow callback). No store, no framework, no checks.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import restify from 'restify';
import { serveParent } from './ipc.js';
import { conversationIdOf, sessionIdOf } from './markers.js';

const maxBodyBytes = 256 * 1024;
const VA_PATH = '/api/sn_va_as_service/bot/integration';

interface Activity {
  readonly id?: string;
  readonly text?: string;
  readonly from?: { readonly aadObjectId?: string };
  readonly conversation?: { readonly id?: string };
}

interface Callback {
  readonly clientSessionId?: string;
  readonly body?: readonly { readonly value?: string }[];
}

function main(): void {
  const [simulatorUrl = '', snowAuthorization = '', serviceUrl = ''] = process.argv.slice(2);
  const send = outgoing();
  const server = restify.createServer({ name: 'bench-floor', handleUncaughtExceptions: false });
  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }),
    async (req, res) => {
      const activity = req.body as Activity;
      const status = await send(`${simulatorUrl}${VA_PATH}`, snowAuthorization, {
        requestId: randomUUID(),
        clientSessionId: sessionIdOf(activity.conversation?.id ?? ''),
        userId: activity.from?.aadObjectId,
        message: { text: activity.text, typed: true, clientMessageId: activity.id },
        timestamp: Date.now(),
      });
      res.send(status === 200 ? 200 : 502);
    },
  );
  server.post(
    '/api/servicenow/messages',
    restify.plugins.bodyReader({ maxBodySize: maxBodyBytes }),
    async (req, res) => {
      const callback = JSON.parse(String(req.body)) as Callback;
      res.send(200, { status: 'accepted' });
      const conversation = encodeURIComponent(conversationIdOf(callback.clientSessionId ?? ''));
      await send(`${serviceUrl}v3/conversations/${conversation}/activities`, undefined, {
        type: 'message',
        text: callback.body?.[0]?.value,
      });
    },
  );
  server.listen(0, '127.0.0.1', () => {
    serveParent({ url: `http://127.0.0.1:${server.address().port}` }, {}, () => {
      server.close();
      return Promise.resolve();
    });
  });
}

/** One POST over a keep-alive connection; resolves to the status (0 when it failed). */
function outgoing() {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (url: string, authorization: string | undefined, body: unknown): Promise<number> => {
    const payload = JSON.stringify(body);
    return new Promise((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(authorization === undefined ? {} : { authorization }),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            resolve(res.statusCode ?? 0);
          });
        },
      );
      req.on('error', () => {
        resolve(0);
      });
      req.end(payload);
    });
  };
}

main();
