// Checks for service URLs (ServiceNow instance, Cosmos endpoint): an origin, https unless the
// host is loopback, so that credentials never travel in clear text off the machine.

export type OriginCheck = { readonly origin: string } | { readonly problem: string };

export function checkServiceOrigin(value: string): OriginCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: 'must be an absolute URL such as https://example.com' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return { problem: 'must be https:// unless the host is loopback' };
  }
  if (url.username !== '' || url.password !== '') {
    return { problem: 'must not contain credentials' };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { problem: 'must be an origin only, without path, query or fragment' };
  }
  return { origin: url.origin };
}

/** 127.0.0.0/8, ::1 and localhost. `URL` has already normalised forms such as `127.1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
