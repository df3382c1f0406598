// Every refusal is a JSON body with a stable code: restify's own errors (unknown route, wrong
// method, unsupported or unparsable or oversized body) included. No message, no stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpErrorCodes } from '../../bot/security/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { looksLikeStackTrace } from './support/activities.js';

describe('error bodies', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness.close();
  });

  async function expectError(
    path: string,
    init: RequestInit,
    status: number,
    error: string,
  ): Promise<void> {
    const res = await fetch(`${harness.url}${path}`, init);
    const text = await res.text();
    assert.equal(res.status, status, `${path}: ${text}`);
    assert.deepEqual(JSON.parse(text), { error }, path);
    assert.ok(!looksLikeStackTrace(text), text);
  }

  const json = (body: string, type = 'application/json'): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });

  it('answers an unknown route with not_found, without echoing the path', async () => {
    await expectError('/api/<script>alert(1)</script>', { method: 'GET' }, 404, 'not_found');
  });

  it('answers a wrong method with method_not_allowed', async () => {
    await expectError('/api/messages', { method: 'GET' }, 405, 'method_not_allowed');
  });

  it('answers a body that is not JSON on /api/messages with unsupported_media_type', async () => {
    await expectError('/api/messages', json('hello', 'text/plain'), 415, 'unsupported_media_type');
  });

  it('answers malformed JSON with bad_request, without quoting it', async () => {
    await expectError('/api/messages', json('{"type": "message", oops'), 400, 'bad_request');
  });

  it('answers an oversized body with payload_too_large', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
    await expectError('/api/messages', json(big), 413, 'payload_too_large');
  });

  it('answers a deeply nested body with too_deeply_nested', async () => {
    const deep = `{"type":"message","value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    await expectError('/api/messages', json(deep), 400, 'too_deeply_nested');
  });

  it('uses one code per status, documented in one place', () => {
    const codes = Object.values(HttpErrorCodes);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[a-z_]+$/);
  });
});
