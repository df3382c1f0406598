// The simulator's media upload and file endpoints, from ServiceNow's side of the contract: the
// multipart form it expects (user_id before file), its answers for a missing login, a body that
// is not a form, a missing field and an upload over its limit, and files served back.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { agentRequest, basic, credentials, postVa, startRig, vaBody, type Rig } from './helpers.js';

const uploadPath = '/api/now/v1/cccif/media/upload';
const auth = basic(credentials.username, credentials.password);

function form(
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file !== undefined) {
    body.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  }
  return body;
}

describe('simulator media upload', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('takes a multipart upload, records it and serves it back at its mediaUrl', async () => {
    rig = await startRig();
    const bytes = Buffer.from('hello file');
    const res = await fetch(`${rig.sim.url}${uploadPath}`, {
      method: 'POST',
      headers: { authorization: auth },
      body: form({ user_id: 'u-1' }, { name: 'hello.txt', type: 'text/plain', bytes }),
    });
    assert.equal(res.status, 200);
    const { result } = (await res.json()) as { result: Record<string, string> };
    assert.match(result.mediaUrl ?? '', /\/api\/now\/v1\/cs\/media\/[0-9a-f]{32}$/);
    assert.equal(result.name, 'hello.txt');
    assert.deepEqual(
      rig.sim.uploads.map((u) => [u.userId, u.fileName, u.contentType, u.size]),
      [['u-1', 'hello.txt', 'text/plain', bytes.length]],
    );
    const served = await fetch(result.mediaUrl ?? '', { headers: { authorization: auth } });
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
    const anonymous = await fetch(result.mediaUrl ?? '');
    assert.equal(anonymous.status, 401, 'files need the instance login');
  });

  it('answers 401, 415, 400 and 413 as the instance does', async () => {
    rig = await startRig({ maxUploadBytes: 1024 });
    const file = { name: 'a.txt', type: 'text/plain', bytes: Buffer.from('a') };
    const post = (
      body: FormData | string,
      headers: Record<string, string> = { authorization: auth },
    ) => fetch(`${rig?.sim.url}${uploadPath}`, { method: 'POST', headers, body });
    assert.equal((await post(form({ user_id: 'u' }, file), {})).status, 401);
    assert.equal(
      (await post('{}', { authorization: auth, 'content-type': 'application/json' })).status,
      415,
    );
    assert.equal((await post(form({}, file))).status, 400, 'user_id is required');
    assert.equal((await post(form({ user_id: 'u' }))).status, 400, 'file is required');
    const big = { ...file, bytes: Buffer.alloc(4096, 1) };
    assert.equal((await post(form({ user_id: 'u' }, big))).status, 413);
    assert.equal(rig.sim.uploads.length, 0, 'nothing refused was kept');
  });

  it('serves an agent attachment (Attachment API) and answers 404 for an unknown one', async () => {
    rig = await startRig();
    const url = rig.sim.attachFile('x.pdf', 'application/pdf', Buffer.from('%PDF'));
    const served = await fetch(url, { headers: { authorization: auth } });
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.equal(
      (
        await fetch(url.replace(/[0-9a-f]{32}/, '0'.repeat(32)), {
          headers: { authorization: auth },
        })
      ).status,
      404,
    );
  });

  it('finds its own media URLs, fetches trusted media domains and silently skips the rest', async () => {
    rig = await startRig({ trustedMediaDomains: ['files.example.com'] });
    await postVa(rig.sim, agentRequest());
    await rig.sim.waitFor(() => rig?.sim.conversation('session-1')?.state === 'queued', {
      what: 'the chat to be queued',
    });
    const res = await fetch(`${rig.sim.url}${uploadPath}`, {
      method: 'POST',
      headers: { authorization: auth },
      body: form(
        { user_id: 'aad-user-1' },
        { name: 'own.txt', type: 'text/plain', bytes: Buffer.from('own') },
      ),
    });
    const { result } = (await res.json()) as { result: { mediaUrl: string } };
    const attachment = [
      { url: result.mediaUrl, contentType: 'text/plain', fileName: 'own.txt' },
      {
        url: 'https://cdn.files.example.com/t.pdf',
        contentType: 'application/pdf',
        fileName: 't.pdf',
      },
      {
        url: 'https://untrusted.example.net/u.pdf',
        contentType: 'application/pdf',
        fileName: 'u.pdf',
      },
    ];
    await postVa(rig.sim, vaBody({ message: { text: 'files', typed: true, attachment } }));
    const waiting = await rig.sim.waitFor(
      () => rig?.sim.conversation('session-1')?.waitingForAgent.find((m) => m.text === 'files'),
      { what: 'the message for the agent' },
    );
    assert.deepEqual(
      waiting.attachments?.map((a) => [a.fileName, a.size]),
      [
        ['own.txt', 3],
        ['t.pdf', undefined],
      ],
    );
  });
});
