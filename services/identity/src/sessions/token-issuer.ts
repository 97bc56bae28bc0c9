import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, calculateJwkThumbprint, exportJWK, importPKCS8 } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type SigningKeyPublishedData } from '@cnscd/contracts';

type PrivateKey = Awaited<ReturnType<typeof importPKCS8>>;

/** What an access token says; services trust only `sub` and look the rest up in their directory. */
export interface AccessClaims {
  readonly userId: string;
  readonly commune: string;
  readonly organisationId: string;
  readonly role: string;
}

/**
 * Signs access tokens with the deployment's Ed25519 key. The private key stays in one file read by
 * the identity service alone; the public half is published as an event every service reads.
 */
export class TokenIssuer {
  private constructor(
    private readonly privateKey: PrivateKey,
    readonly published: SigningKeyPublishedData,
    private readonly ttlSeconds: number,
  ) {}

  /** Loads the key file, creating it (mode 0600) on first start. */
  static async fromFile(path: string, ttlSeconds: number): Promise<TokenIssuer> {
    if (!existsSync(path)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    const pem = readFileSync(path, 'utf8');
    const privateKey = await importPKCS8(pem, 'EdDSA', { extractable: true });
    const { kty, crv, x } = await exportJWK(privateKey);
    const publicJwk = { kty: kty as 'OKP', crv: crv as 'Ed25519', x: x! };
    const kid = await calculateJwkThumbprint(publicJwk);
    return new TokenIssuer(privateKey, { kid, alg: 'EdDSA', publicJwk }, ttlSeconds);
  }

  get expiresIn(): number {
    return this.ttlSeconds;
  }

  sign(claims: AccessClaims, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ commune: claims.commune, org: claims.organisationId, role: claims.role })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.published.kid, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(claims.userId)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(this.privateKey);
  }

  /** The JWKS document, for clients outside the deployment (services read the event instead). */
  jwks() {
    const { kid, alg, publicJwk } = this.published;
    return { keys: [{ ...publicJwk, kid, alg, use: 'sig' }] };
  }
}
