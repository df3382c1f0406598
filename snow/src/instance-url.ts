// The instance URL, checked once: every request and every relative URL in a callback is resolved
// against it.
import { SnowConfigError } from './errors.js';

/** Parses an http(s) instance URL; the result always ends with `/` so relative paths resolve under it. */
export function parseInstanceUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    throw new SnowConfigError('The ServiceNow instance URL is not a valid URL', { cause: err });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SnowConfigError('The ServiceNow instance URL must be http(s)');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new SnowConfigError(
      'The ServiceNow instance URL must not carry credentials, a query or a fragment',
    );
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
