import { z } from 'zod';
import { loadServiceConfig } from '@cnscd/service-kit';

/**
 * The identity service's own settings, besides the common ones: its token signing key (PKCS#8 PEM,
 * Ed25519; created on first start if the file does not exist), optional bootstrap file, token lifetimes
 * and lock-out.
 */
export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig(
    'identity',
    3005,
    {
      IDENTITY_SIGNING_KEY_FILE: z.string().default('.data/identity/signing-key.pem'),
      IDENTITY_BOOTSTRAP_FILE: z.string().optional(),
      ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
      REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
      SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(3).max(20).default(5),
      SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
      SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    },
    env,
  );
  return {
    ...config,
    signingKeyFile: config.env.IDENTITY_SIGNING_KEY_FILE,
    bootstrapFile: config.env.IDENTITY_BOOTSTRAP_FILE,
    accessTokenTtlSeconds: config.env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: config.env.REFRESH_TOKEN_TTL_DAYS,
    lockout: { maxFailures: config.env.SIGN_IN_MAX_FAILURES, minutes: config.env.SIGN_IN_LOCKOUT_MINUTES },
    signInPerMinute: config.env.SIGN_IN_PER_MINUTE,
  };
}
export type IdentityConfig = ReturnType<typeof loadIdentityConfig>;
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
