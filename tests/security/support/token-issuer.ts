// A local stand-in for Bot Framework's token service: an RSA key set published as an OpenID
// metadata document and a JWKS on loopback, and a signer for channel tokens. No network needed.
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { close, listen } from '../../support/http.js';

export const TEST_ISSUER = 'https://api.botframework.test';

export interface TokenClaims {
  readonly aud?: string;
  readonly iss?: string;
  readonly serviceurl?: string;
  /** Seconds from now; negative for a token that has already expired. */
  readonly expiresIn?: number;
  readonly [claim: string]: unknown;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export class TokenIssuer {
  /** The key the published set lists. */
  private readonly key = newKey();
  /** A key nobody published: what a forger would sign with. */
  private readonly stranger = newKey();
  private base = '';
  private readonly server: Server = createServer((req, res) => {
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer: TEST_ISSUER, jwks_uri: `${this.base}/keys` }
        : req.url === '/keys'
          ? { keys: [jwk(this.key)] }
          : undefined;
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });

  static async start(): Promise<TokenIssuer> {
    const issuer = new TokenIssuer();
    issuer.base = await listen(issuer.server);
    return issuer;
  }

  get openIdMetadataUrl(): string {
    return `${this.base}/.well-known/openid-configuration`;
  }

  /** A channel token as Bot Connector sends it: RS256, issuer, audience = app id, serviceurl. */
  token(claims: TokenClaims): string {
    return signJwt(this.key, claims, { alg: 'RS256' });
  }

  /** Same claims and key id as a real token, signed with a key that is not in the set. */
  forged(claims: TokenClaims): string {
    return signJwt({ ...this.stranger, kid: this.key.kid }, claims, { alg: 'RS256' });
  }

  /** `alg: none`: a token with no signature at all. */
  unsigned(claims: TokenClaims): string {
    const header = encode({ alg: 'none', typ: 'JWT', kid: this.key.kid });
    return `${header}.${encode(payloadOf(claims))}.`;
  }

  close(): Promise<void> {
    return close(this.server);
  }
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID(), privateKey, publicKey };
}

function jwk(key: SigningKey): Record<string, unknown> {
  const { n, e } = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, n, e, endorsements: ['msteams'] };
}

function signJwt(key: SigningKey, claims: TokenClaims, header: { alg: string }): string {
  const head = encode({ ...header, typ: 'JWT', kid: key.kid });
  const body = encode(payloadOf(claims));
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), key.privateKey);
  return `${head}.${body}.${signature.toString('base64url')}`;
}

function payloadOf(claims: TokenClaims): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const { expiresIn = 3600, ...rest } = claims;
  return { iss: TEST_ISSUER, iat: now - 60, nbf: now - 60, exp: now + expiresIn, ...rest };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
