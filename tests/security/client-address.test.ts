// Telling callers apart: the socket address, or behind trusted proxies the X-Forwarded-For entry
// they appended, never an entry the caller could have written.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { sourceOf } from '../../bot/security/index.js';

function request(remoteAddress: string, forwarded?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  } as unknown as IncomingMessage;
}

describe('sourceOf', () => {
  it('uses the socket address when no proxy is trusted, whatever the headers say', () => {
    assert.equal(sourceOf(request('::ffff:192.0.2.7', '203.0.113.1'), 0), '192.0.2.7');
  });

  it('takes the entry the trusted proxy appended', () => {
    const req = request('10.0.0.2', '203.0.113.1, 198.51.100.20:51234');
    assert.equal(sourceOf(req, 1), '198.51.100.20');
    assert.equal(sourceOf(req, 2), '203.0.113.1');
  });

  it('reads repeated headers in order and strips IPv6 brackets and ports', () => {
    const req = request('10.0.0.2', ['203.0.113.1', '[2001:DB8::1]:443']);
    assert.equal(sourceOf(req, 1), '2001:db8::1');
  });

  it('falls back to the furthest address when there are fewer entries than hops', () => {
    assert.equal(sourceOf(request('10.0.0.2', '198.51.100.20'), 3), '198.51.100.20');
    assert.equal(sourceOf(request('10.0.0.2'), 1), '10.0.0.2');
  });
});
