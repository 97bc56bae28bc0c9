import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import type { IdentityDatabase } from '../infrastructure/read-model';

/** A commune's organisations, users (with their usernames) and API key metadata, for its administrators. */
@Injectable()
export class DirectoryQuery {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>) {}

  organisations(commune: string) {
    return this.rm.db
      .selectFrom('organisations')
      .select(['organisation_id as organisationId', 'kind', 'name', 'village_code as villageCode'])
      .where('commune', '=', commune)
      .orderBy('organisation_id')
      .execute();
  }

  /** Of one organisation, or (`null`) of them all. */
  users(commune: string, organisationId: string | null) {
    return this.rm.db
      .selectFrom('users')
      .innerJoin('accounts', 'accounts.user_id', 'users.user_id')
      .select([
        'users.user_id as userId',
        'users.organisation_id as organisationId',
        'accounts.username',
        'users.role',
        'users.disabled',
      ])
      .where('users.commune', '=', commune)
      .$if(organisationId !== null, (q) => q.where('users.organisation_id', '=', organisationId!))
      .orderBy('accounts.username')
      .execute();
  }

  /** Of one organisation, or (`null`) of them all. Never the key itself: only its metadata is kept. */
  apiKeys(commune: string, organisationId: string | null) {
    return this.rm.db
      .selectFrom('api_keys')
      .select([
        'key_id as keyId',
        'organisation_id as organisationId',
        'label',
        'role',
        'scopes',
        'issued_at as issuedAt',
        'revoked_from as revokedFrom',
        'replaced_by as replacedBy',
      ])
      .where('commune', '=', commune)
      .$if(organisationId !== null, (q) => q.where('organisation_id', '=', organisationId!))
      .orderBy('issued_at')
      .execute();
  }
}
