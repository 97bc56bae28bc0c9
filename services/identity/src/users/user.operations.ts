import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import {
  EntityId,
  eventVersionIn,
  IDENTITY_CONTEXT,
  OccurredAt,
  OrganisationId,
  ROLE_NAMES,
  UserDisabledV1,
} from '@cnscd/contracts';
import { EventStore, deterministicUuid, handleCommand } from '@cnscd/event-store';
import type { ProjectionRunner } from '@cnscd/read-model';
import {
  READ_MODEL,
  RejectedCommandError,
  commandContext,
  deciderOperation,
  type Operation,
  type OperationResult,
  type Principal,
  type RequestHeaders,
} from '@cnscd/service-kit';
import type { ReadModelDatabase } from '@cnscd/read-model';
import type { IdentityDatabase } from '../infrastructure/read-model';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { Password, Username, hashPassword, verifyPassword } from '../sessions/passwords';
import { conflict } from '@cnscd/decider';
import { IDENTITY_PROJECTION } from '../tokens';
import { userDecider } from './user.decider';

const base = { commandId: EntityId, occurredAt: OccurredAt };
const schemaVersionOf = eventVersionIn(IDENTITY_CONTEXT);

/** A user's id follows from their commune and username: resending an AddUser makes no second account. */
export const userIdOf = (commune: string, username: string) => deterministicUuid('user', commune, username);

export const AddUserRequest = z
  .strictObject({
    ...base,
    organisationId: OrganisationId,
    role: z.enum(ROLE_NAMES),
    username: Username,
    password: Password,
  })
  .meta({ id: 'AddUserRequest' });
type AddUserInput = z.infer<typeof AddUserRequest>;

export class AddUserCommand extends Command<OperationResult & { userId: string }> {
  constructor(
    readonly principal: Principal,
    readonly input: AddUserInput,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

export const addUser: Operation<AddUserInput, OperationResult & { userId: string }> = {
  kind: 'add-user',
  scope: 'identity:members',
  input: AddUserRequest,
  target: (i, p) => `user/${userIdOf(p.commune, i.username)}`,
  toCommand: (p, i, h) => new AddUserCommand(p, i, h),
};

/**
 * Gives a person an account: the username and password hash go to the service's own table, the
 * event records only the user, their organisation and role. The idempotency content leaves the
 * password out, so no hash of it reaches the event stream.
 */
@Injectable()
@CommandHandler(AddUserCommand)
export class AddUserHandler implements ICommandHandler<AddUserCommand> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>,
    @Inject(IDENTITY_PROJECTION) private readonly projection: ProjectionRunner<IdentityDatabase>,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async execute({ principal, input, headers }: AddUserCommand) {
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
    const outcome = await handleCommand(this.store, {
      stream: { commune: principal.commune, context: 'identity', aggregateType: 'user', aggregateId: userId },
      decider: userDecider,
      commandType: 'add-user',
      command: { type: 'AddUser', userId, organisationId: input.organisationId, role: input.role },
      content: { organisationId: input.organisationId, role: input.role, username: input.username },
      context: commandContext(principal, input.commandId, input.occurredAt, headers),
      schemaVersionOf,
    });
    if (outcome.status === 'rejected') throw new RejectedCommandError(outcome.rejection);
    if (outcome.status === 'unchanged') await this.samePassword(userId, input);
    await this.projection.waitFor(outcome.position, 3000);
    return { userId, commandId: input.commandId, position: outcome.position, status: outcome.status };
  }

  /** The same user added again is `unchanged` only with the same password: else the caller is told. */
  private async samePassword(
    userId: string,
    input: { organisationId: string; role: string; password: string },
  ) {
    const row = await this.rm.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (row && !(await verifyPassword(row.password_hash, input.password)))
      throw new RejectedCommandError(
        conflict(
          'UserAddedDifferently',
          {
            vi: 'Tên đăng nhập này đã có, với mật khẩu khác; đổi mật khẩu bằng lệnh riêng.',
            en: 'This username exists with another password; change a password with its own command.',
          },
          { userId, organisationId: input.organisationId, role: input.role },
        ),
      );
  }
}

const UserId = { userId: EntityId };
/** Changes to an existing user, by someone who may manage the user's organisation. */
const managed = <I extends { userId: string }>() =>
  ({
    aggregateType: 'user',
    decider: userDecider,
    schemaVersionOf,
    projection: IDENTITY_PROJECTION,
    aggregateId: (i: I) => i.userId,
    prepare: {
      use: OrganisationDirectory,
      run: async (d: OrganisationDirectory, input: I, p: Principal) => {
        await d.manageable(p, await d.organisationOfUser(p, input.userId));
        return input;
      },
    },
  }) as const;

export const ChangeRoleRequest = z
  .strictObject({ ...base, ...UserId, role: z.enum(ROLE_NAMES) })
  .meta({ id: 'ChangeRoleRequest' });
export const changeRole = deciderOperation({
  ...managed<z.infer<typeof ChangeRoleRequest>>(),
  kind: 'change-role',
  scope: 'identity:members',
  input: ChangeRoleRequest,
  command: ({ userId, role }) => ({ type: 'ChangeRole' as const, userId, role }),
});

export const DisableUserRequest = z
  .strictObject({ ...base, ...UserId, reason: UserDisabledV1.shape.reason })
  .meta({ id: 'DisableUserRequest' });
export const disableUser = deciderOperation({
  ...managed<z.infer<typeof DisableUserRequest>>(),
  kind: 'disable-user',
  scope: 'identity:members',
  input: DisableUserRequest,
  command: ({ userId, reason }) => ({ type: 'DisableUser' as const, userId, reason }),
});

export const EnableUserRequest = z.strictObject({ ...base, ...UserId }).meta({ id: 'EnableUserRequest' });
export const enableUser = deciderOperation({
  ...managed<z.infer<typeof EnableUserRequest>>(),
  kind: 'enable-user',
  scope: 'identity:members',
  input: EnableUserRequest,
  command: ({ userId }) => ({ type: 'EnableUser' as const, userId }),
});
