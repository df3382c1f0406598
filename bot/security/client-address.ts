// Who is calling, for rate limiting. Behind reverse proxies (Azure App Service, Container Apps)
// the socket only shows the proxy; each trusted proxy appends the address it saw to
// X-Forwarded-For, so the caller is the entry that many hops from the right. Entries further left
// are written by the caller and never trusted.
import type { IncomingMessage } from 'node:http';

export function sourceOf(req: IncomingMessage, trustedProxyHops: number): string {
  const socket = normalise(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxyHops <= 0) return socket;
  const forwarded = forwardedFor(req.headers['x-forwarded-for']);
  // [socket, nearest forwarded entry, ..., furthest]: the client sits `trustedProxyHops` in.
  const chain = [socket, ...forwarded.reverse()];
  return chain[Math.min(trustedProxyHops, chain.length - 1)] ?? socket;
}

function forwardedFor(header: string | string[] | undefined): string[] {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => normalise(v.trim()))
    .filter((v) => v !== '');
}

/** Drops a port ("1.2.3.4:5678", "[::1]:443") and the IPv4-mapped IPv6 prefix. */
function normalise(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  let host = bracketed?.[1] ?? address;
  if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(host)) host = host.slice(0, host.lastIndexOf(':'));
  return host.toLowerCase().replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/, '');
}
