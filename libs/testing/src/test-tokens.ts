import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type Role, type SigningKeyPublishedData } from '@cnscd/contracts';

/** Who a test access token speaks for: the claims the identity service puts in one. */
export interface TokenSubject {
  readonly userId: string;
  readonly commune: string;
  readonly organisationId: string;
  readonly role: Role;
}

export interface TokenOptions {
  /** Seconds from `now` until the token expires (default 900; negative for one already expired). */
  readonly expiresIn?: number;
  /** When the token is issued (default: the real time). */
  readonly now?: Date;
}

/** An Ed25519 key pair signing access tokens as the identity service does, and the event publishing it. */
export interface TestSigningKey {
  readonly published: SigningKeyPublishedData;
  sign(subject: TokenSubject, options?: TokenOptions): Promise<string>;
}

export async function createTestSigningKey(): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const { kty, crv, x } = await exportJWK(publicKey);
  if (kty !== 'OKP' || crv !== 'Ed25519' || !x) throw new Error(`unexpected public key ${kty}/${crv}`);
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x } as const;
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    published: { kid, alg: 'EdDSA', publicJwk },
    sign(subject, { expiresIn = 900, now = new Date() } = {}) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ commune: subject.commune, org: subject.organisationId, role: subject.role })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .setSubject(subject.userId)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + expiresIn)
        .sign(privateKey);
    },
  };
}
