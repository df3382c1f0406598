// Who may call the instance's REST APIs: the integration user with Basic auth, or the holder of a
// live bearer token from the OAuth endpoint. Anything else gets ServiceNow's 401.
import type { IncomingMessage } from 'node:http';
import { hasBasicAuth } from './http-util.js';
import type { TokenIssuer } from './oauth.js';

export class CallerAuth {
  constructor(
    private readonly credentials: { readonly username: string; readonly password: string },
    private readonly tokens: TokenIssuer,
  ) {}

  authenticated(req: IncomingMessage): boolean {
    const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (bearer?.[1] !== undefined) return this.tokens.valid(bearer[1]);
    return hasBasicAuth(req, this.credentials);
  }
}
