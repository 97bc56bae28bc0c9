import { ACCOUNTS } from '../../api-tags';
import { z } from 'zod';
import { OrganisationId, ROLE_NAMES } from '@cnscd/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { conflict } from '@cnscd/decider';
import type { ReadModelDatabase } from '@cnscd/read-model';
import {
  COMMAND_FIELDS,
  READ_MODEL,
  RejectedCommandError,
  deciderOperation,
  type OperationResult,
  type Principal,
} from '@cnscd/service-kit';
import type { IdentityDatabase } from '../../infrastructure/read-model';
import { OrganisationDirectory } from '../../organisations/organisation-directory';
import { Password, Username, hashPassword, verifyPassword } from '../../sessions/passwords';
import { IDENTITY_PROJECTION } from '../../infrastructure/tokens';
import { userDecider } from '../user.decider';
import { schemaVersionOf, userIdOf } from '../user-write-parts';

export const AddUserRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    organisationId: OrganisationId,
    role: z.enum(ROLE_NAMES),
    username: Username,
    password: Password,
  })
  .meta({ id: 'AddUserRequest' });

type AddUserInput = z.infer<typeof AddUserRequest>;

/**
 * The account beside the event: the username and password hash go to the service's own table (never an
 * event), before the decision, so a crash after it is finished by the client's retry.
 */
@Injectable()
export class Accounts {
  constructor(
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async open(input: AddUserInput, principal: Principal) {
    await this.organisations.manageable(principal, input.organisationId);
    const userId = userIdOf(principal.commune, input.username);
    await this.rm.db
      .insertInto('accounts')
      .values({
        user_id: userId,
        commune: principal.commune,
        username: input.username,
        password_hash: await hashPassword(input.password),
        failed_attempts: 0,
        locked_until: null,
      })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    return { ...input, userId };
  }

  /** The same user added again is `unchanged` only with the same password: else the caller is told. */
  async samePassword(input: AddUserInput & { userId: string }, outcome: OperationResult['status']) {
    if (outcome !== 'unchanged') return;
    const row = await this.rm.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    if (row && !(await verifyPassword(row.password_hash, input.password)))
      throw new RejectedCommandError(
        conflict(
          'UserAddedDifferently',
          {
            vi: 'Tên đăng nhập này đã có, với mật khẩu khác; đổi mật khẩu bằng lệnh riêng.',
            en: 'This username exists with another password; change a password with its own command.',
          },
          { userId: input.userId, organisationId: input.organisationId, role: input.role },
        ),
      );
  }
}

/**
 * Gives a person an account: the event records only the user, their organisation and role. The
 * idempotency content leaves the password out, so no hash of it reaches the event stream.
 */
export const addUser = deciderOperation({
  kind: 'add-user',
  scope: 'identity:members',
  input: AddUserRequest,
  http: {
    path: 'users',
    tag: ACCOUNTS,
    summary: 'Tạo tài khoản / Add a user',
    description:
      'Tên đăng nhập và mật khẩu (băm argon2id) không nằm trong sự kiện. The username and password hash stay out of the events.',
    location: (r: Record<string, unknown>) => `/v1/users/${r['userId']}`,
  },
  prepare: {
    use: Accounts,
    run: (accounts: Accounts, input: AddUserInput, principal: Principal) => accounts.open(input, principal),
  },
  aggregateType: 'user',
  aggregateId: (input) => input.userId,
  target: (input, principal) => `user/${userIdOf(principal.commune, input.username)}`,
  decider: userDecider,
  schemaVersionOf,
  projection: IDENTITY_PROJECTION,
  content: ({ organisationId, role, username }) => ({ organisationId, role, username }),
  command: ({ userId, organisationId, role }) => ({ type: 'AddUser' as const, userId, organisationId, role }),
  result: (input) => ({ userId: input.userId }),
  settle: {
    use: Accounts,
    run: (accounts: Accounts, input: AddUserInput & { userId: string }, _p: Principal, outcome) =>
      accounts.samePassword(input, outcome),
  },
});
