import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { EntityId, eventVersionIn, IDENTITY_CONTEXT } from '@cnscd/contracts';
import { EventStore, handleCommand } from '@cnscd/event-store';
import type { ReadModelDatabase } from '@cnscd/read-model';
import {
  COMMAND_FIELDS,
  AuthenticationError,
  CurrentPrincipal,
  READ_MODEL,
  RejectedCommandError,
  ScopeCheckedByHandler,
  commandContext,
  parseInput,
  requireScope,
  type Principal,
} from '@cnscd/service-kit';
import type { IdentityDatabase } from '../../infrastructure/read-model';
import { OrganisationDirectory } from '../../organisations/organisation-directory';
import { Password, hashPassword, verifyPassword } from '../../sessions/passwords';
import { Sessions } from '../../sessions/sessions';
import { userDecider } from '../user.decider';

export const SetPasswordRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    userId: EntityId,
    password: Password,
    /** Required when changing one's own password. */
    currentPassword: z.string().max(200).optional(),
  })
  .meta({ id: 'SetPasswordRequest' });

/**
 * Setting a password: the hash is kept in the identity database (never in an event), every session of
 * the user ends, and the change itself is recorded as an event (who, when; no secret).
 */
@Controller('v1')
export class SetPasswordHttpController {
  constructor(
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>,
    @Inject(EventStore) private readonly store: EventStore,
    private readonly organisations: OrganisationDirectory,
    private readonly sessions: Sessions,
  ) {}

  /** Anyone signed in may change their own password (giving the current one); managers may set their people's. */
  @Post('users/passwords')
  @ScopeCheckedByHandler()
  @HttpCode(200)
  async setPassword(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: Record<string, string>,
  ) {
    const input = parseInput(SetPasswordRequest, body);
    const self = p.credential === 'user' && p.actorId === input.userId;
    if (self) {
      const account = await this.rm.db
        .selectFrom('accounts')
        .select('password_hash')
        .where('user_id', '=', input.userId)
        .executeTakeFirst();
      if (!account || !(await verifyPassword(account.password_hash, input.currentPassword ?? '')))
        throw new AuthenticationError('Current password does not match');
    } else {
      requireScope(p, 'identity:members');
      await this.organisations.manageable(p, await this.organisations.organisationOfUser(p, input.userId));
    }
    await this.rm.db
      .updateTable('accounts')
      .set({ password_hash: await hashPassword(input.password), failed_attempts: 0, locked_until: null })
      .where('user_id', '=', input.userId)
      .execute();
    await this.sessions.revokeAll(input.userId);
    const outcome = await handleCommand(this.store, {
      stream: { commune: p.commune, context: 'identity', aggregateType: 'user', aggregateId: input.userId },
      decider: userDecider,
      commandType: 'set-password',
      command: { type: 'RecordPasswordChange', userId: input.userId },
      content: { userId: input.userId },
      context: commandContext(p, input.commandId, input.occurredAt, h),
      schemaVersionOf: eventVersionIn(IDENTITY_CONTEXT),
    });
    if (outcome.status === 'rejected') throw new RejectedCommandError(outcome.rejection);
    return { commandId: input.commandId, position: outcome.position, status: outcome.status };
  }
}
