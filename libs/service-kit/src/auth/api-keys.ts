import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ORGANISATION_KINDS, ROLE_NAMES, SCOPE_NAMES, scopesOf, type Role } from '@cnscd/contracts';
import { AuthenticationError, ForbiddenError } from '../problem-details';

/**
 * Who is calling, as established from a credential. Until the identity service exists (issue 7),
 * partner organisations authenticate with API keys configured per organisation and stored hashed; what
 * a key may do follows from its organisation's kind and its role (the permission model, `scopesOf`).
 */
export interface Principal {
  readonly keyId: string;
  readonly organisationId: string;
  readonly organisationKind: string;
  readonly role: Role;
  /** The commune the organisation belongs to: every command and query is confined to it. */
  readonly commune: string;
  /** What the credential may do: the permission model's scopes for its kind and role (`scopesOf`), or fewer. */
  readonly scopes: readonly string[];
}

const ApiKeyEntry = z
  .object({
    id: z.string().min(1),
    organisationId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    organisationKind: z.enum(ORGANISATION_KINDS),
    role: z.enum(ROLE_NAMES),
    commune: z.string().regex(/^[0-9]{5}$/),
    /** Optional narrowing: a key for one partner system may carry fewer scopes than its role allows. */
    scopes: z.array(z.enum(SCOPE_NAMES)).optional(),
    /** SHA-256 (hex) of the key. API keys are long random secrets, so a fast hash is enough. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .superRefine((entry, ctx) => {
    const allowed = scopesOf(entry.organisationKind, entry.role);
    for (const scope of entry.scopes ?? [])
      if (!allowed.includes(scope))
        ctx.addIssue({
          code: 'custom',
          path: ['scopes'],
          message: `key ${entry.id}: a ${entry.role} of a ${entry.organisationKind} may not have ${scope}`,
        });
  });
const ApiKeyFile = z.object({ keys: z.array(ApiKeyEntry) });
export type ApiKeyEntry = z.infer<typeof ApiKeyEntry>;

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new random key, shown once to its owner; only its hash is stored. */
export const generateApiKey = (): string => `cnscd_${randomBytes(32).toString('base64url')}`;

export class ApiKeyRegistry {
  private readonly byHash: Map<string, ApiKeyEntry>;

  constructor(entries: readonly ApiKeyEntry[]) {
    this.byHash = new Map(entries.map((e) => [e.sha256, e]));
  }

  static fromFile(path: string): ApiKeyRegistry {
    const parsed = ApiKeyFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`API key file ${path} is malformed at ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return new ApiKeyRegistry(parsed.data.keys);
  }

  /** Every commune some key belongs to. */
  get communes(): string[] {
    return [...new Set([...this.byHash.values()].map((e) => e.commune))];
  }

  authenticate(key: string | undefined): Principal {
    const entry = key ? this.byHash.get(hashApiKey(key)) : undefined;
    if (!entry) throw new AuthenticationError();
    return {
      keyId: entry.id,
      organisationId: entry.organisationId,
      organisationKind: entry.organisationKind,
      role: entry.role,
      commune: entry.commune,
      scopes: entry.scopes ?? scopesOf(entry.organisationKind, entry.role),
    };
  }
}

export function requireScope(principal: Principal, scope: string): void {
  if (!principal.scopes.includes(scope)) throw new ForbiddenError(scope);
}

/** Reads the key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export function apiKeyFromHeaders(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const auth = pick(headers['authorization']);
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return pick(headers['x-api-key'])?.trim();
}
