import { Inject, Injectable } from '@nestjs/common';
import { reject } from '@cnscd/decider';
import type { OrganisationKind } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { READ_MODEL, RejectedCommandError, requireScope, type Principal } from '@cnscd/service-kit';
import type { IdentityDatabase } from '../infrastructure/read-model';

/**
 * Checks a manager acts on an organisation they may manage: their own (`identity:members`), or any in
 * their commune (`identity:organisations`), and that it is registered.
 */
@Injectable()
export class OrganisationDirectory {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>) {}

  async manageable(principal: Principal, organisationId: string): Promise<OrganisationKind> {
    if (organisationId !== principal.organisationId) requireScope(principal, 'identity:organisations');
    const row = await this.rm.db
      .selectFrom('organisations')
      .select('kind')
      .where('commune', '=', principal.commune)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (!row)
      throw new RejectedCommandError(
        reject(
          'OrganisationNotFound',
          { vi: 'Đơn vị này chưa được đăng ký trong xã.', en: 'No such organisation in this commune.' },
          'organisationId',
        ),
      );
    return row.kind as OrganisationKind;
  }

  /** The organisation a user belongs to, in the principal's commune (for role changes, disabling, passwords). */
  async organisationOfUser(principal: Principal, userId: string): Promise<string> {
    const row = await this.rm.db
      .selectFrom('users')
      .select('organisation_id')
      .where('commune', '=', principal.commune)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row)
      throw new RejectedCommandError(
        reject('UserNotFound', { vi: 'Không có người dùng này.', en: 'No such user.' }, 'userId'),
      );
    return row.organisation_id;
  }
}
