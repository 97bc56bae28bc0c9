import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AccountLockedError, AuthenticationError, type AuditTrail, type Clock } from '@cnscd/service-kit';
import { scopesOf, type OrganisationKind, type Role, type Scope } from '@cnscd/contracts';
import type { IdentityConfig } from '../config';
import type { IdentityDatabase } from '../infrastructure/read-model';
import { dummyHash, verifyPassword } from './passwords';
import type { TokenIssuer } from './token-issuer';

export interface SessionTokens {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly user: {
    userId: string;
    commune: string;
    organisationId: string;
    role: string;
    organisationKind: string;
    organisationName: string;
    /** A village team's village, else null. */
    villageCode: string | null;
    scopes: readonly Scope[];
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Sign-in, refresh and sign-out. Refresh tokens are opaque, stored hashed, single-use: each refresh
 * returns a new one, and presenting a used one again (a stolen copy) ends the whole sign-in.
 */
export class Sessions {
  constructor(
    private readonly db: Kysely<IdentityDatabase>,
    private readonly issuer: TokenIssuer,
    private readonly clock: Clock,
    private readonly config: Pick<IdentityConfig, 'lockout' | 'refreshTokenTtlDays'>,
    private readonly audit: AuditTrail,
  ) {}

  async signIn(commune: string, username: string, password: string): Promise<SessionTokens> {
    const now = this.clock.now();
    const account = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('commune', '=', commune)
      .where('username', '=', username)
      .executeTakeFirst();
    if (!account) {
      await verifyPassword(await dummyHash(), password);
      return this.refuse('unknown-username', commune, null);
    }
    if (account.locked_until && account.locked_until > now) {
      this.record('sign-in', 'locked', commune, account.user_id, 429, 'account-locked');
      throw new AccountLockedError(account.locked_until);
    }
    if (!(await verifyPassword(account.password_hash, password))) {
      // Counted in the database, in one statement: a hundred wrong passwords at once count a hundred.
      const max = this.config.lockout.maxFailures;
      const lockedUntil = new Date(now.getTime() + this.config.lockout.minutes * 60_000);
      const counted = await this.db
        .updateTable('accounts')
        .set((eb) => ({
          failed_attempts: sql<number>`case when ${eb.ref('failed_attempts')} + 1 >= ${max} then 0 else ${eb.ref('failed_attempts')} + 1 end`,
          locked_until: sql<Date>`case when ${eb.ref('failed_attempts')} + 1 >= ${max} then ${lockedUntil} else ${eb.ref('locked_until')} end`,
        }))
        .where('user_id', '=', account.user_id)
        .returning('locked_until')
        .executeTakeFirst();
      const locked =
        counted?.locked_until && new Date(counted.locked_until).getTime() === lockedUntil.getTime();
      return this.refuse(locked ? 'wrong-password-locked' : 'wrong-password', commune, account.user_id);
    }
    // The right password unlocks nothing: if failures locked the account meanwhile, it stays locked.
    const signedIn = await this.db
      .updateTable('accounts')
      .set({ failed_attempts: 0, locked_until: null })
      .where('user_id', '=', account.user_id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning('user_id')
      .executeTakeFirst();
    if (!signedIn) {
      const { locked_until } = await this.db
        .selectFrom('accounts')
        .select('locked_until')
        .where('user_id', '=', account.user_id)
        .executeTakeFirstOrThrow();
      this.record('sign-in', 'locked', commune, account.user_id, 429, 'account-locked');
      throw new AccountLockedError(new Date(locked_until!));
    }
    return this.issue(account.user_id, randomUUID(), now);
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const now = this.clock.now();
    const row = await this.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', sha256(refreshToken))
      .executeTakeFirst();
    if (!row) return this.refuse('unknown-refresh-token', null, null);
    if (row.used_at || row.revoked_at) {
      await this.revokeFamily(row.family, now);
      return this.refuse(row.used_at ? 'refresh-token-reused' : 'refresh-token-revoked', null, row.user_id);
    }
    if (row.expires_at <= now) return this.refuse('refresh-token-expired', null, row.user_id);
    const used = await this.db
      .updateTable('refresh_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', row.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (used.numUpdatedRows === 0n) return this.refuse('refresh-token-reused', null, row.user_id);
    return this.issue(row.user_id, row.family, now);
  }

  async signOut(refreshToken: string): Promise<void> {
    const row = await this.db
      .selectFrom('refresh_tokens')
      .select('family')
      .where('token_hash', '=', sha256(refreshToken))
      .executeTakeFirst();
    if (row) await this.revokeFamily(row.family, this.clock.now());
  }

  /** Ends every sign-in of a user (password changed, user disabled). */
  async revokeAll(userId: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: this.clock.now() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  private async issue(userId: string, family: string, now: Date): Promise<SessionTokens> {
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!user || user.disabled) return this.refuse(user ? 'disabled-user' : 'unknown-user', null, userId);
    const refreshToken = `cnscd_rt_${randomBytes(32).toString('base64url')}`;
    await this.db
      .insertInto('refresh_tokens')
      .values({
        token_hash: sha256(refreshToken),
        user_id: userId,
        family,
        expires_at: new Date(now.getTime() + this.config.refreshTokenTtlDays * 86_400_000),
        used_at: null,
        revoked_at: null,
      })
      .execute();
    const claims = { userId, commune: user.commune, organisationId: user.organisation_id, role: user.role };
    const organisation = await this.db
      .selectFrom('organisations')
      .select(['kind', 'name', 'village_code'])
      .where('commune', '=', user.commune)
      .where('organisation_id', '=', user.organisation_id)
      .executeTakeFirstOrThrow();
    return {
      accessToken: await this.issuer.sign(claims, now),
      tokenType: 'Bearer',
      expiresIn: this.issuer.expiresIn,
      refreshToken,
      // What the app needs to show only what the user may use; every service still checks the token.
      user: {
        ...claims,
        organisationKind: organisation.kind,
        organisationName: organisation.name,
        villageCode: organisation.village_code,
        scopes: scopesOf(organisation.kind as OrganisationKind, user.role as Role),
      },
    };
  }

  private async revokeFamily(family: string, now: Date) {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('family', '=', family)
      .where('revoked_at', 'is', null)
      .execute();
  }

  private refuse(reason: string, commune: string | null, userId: string | null): never {
    this.record(
      reason.includes('refresh') ? 'refresh-session' : 'sign-in',
      reason,
      commune,
      userId,
      401,
      'unauthenticated',
    );
    throw new AuthenticationError();
  }

  private record(
    action: string,
    reason: string,
    commune: string | null,
    userId: string | null,
    status: number,
    code: string,
  ) {
    this.audit.refused({
      action,
      target: userId ? `user/${userId}` : null,
      status,
      code,
      reason,
      commune,
      actorId: userId,
    });
  }
}
