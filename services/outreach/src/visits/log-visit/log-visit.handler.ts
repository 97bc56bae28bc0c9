import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OutreachEvents } from '@cnscd/contracts';
import { EventStore, deterministicUuid, handleCommand } from '@cnscd/event-store';
import type { ProjectionRunner } from '@cnscd/read-model';
import { RejectedCommandError, commandContext, type Principal } from '@cnscd/service-kit';
import { VISITS_PROJECTION } from '../../infrastructure/tokens';
import { CLOCK, type Clock } from '@cnscd/service-kit';
import { visitDecider } from '../visit.decider';
import type { Operation } from '@cnscd/service-kit';
import { LogVisitRequest, type LogVisitResponse } from './log-visit.request';

type Headers = Parameters<typeof commandContext>[3];

export class LogVisitCommand extends Command<LogVisitResponse> {
  constructor(
    readonly principal: Principal,
    readonly input: LogVisitRequest,
    readonly headers: Headers,
  ) {
    super();
  }
}

const schemaVersionOf = (type: string) => OutreachEvents[type as keyof typeof OutreachEvents]?.version ?? 1;

@CommandHandler(LogVisitCommand)
export class LogVisitHandler implements ICommandHandler<LogVisitCommand> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VISITS_PROJECTION) private readonly visits: ProjectionRunner<unknown>,
  ) {}

  async execute({ principal, input, headers }: LogVisitCommand): Promise<LogVisitResponse> {
    // Derived from the command id: a resend always targets the same visit, even after the dedupe window.
    const visitId = deterministicUuid('visit', principal.commune, input.commandId);
    const outcome = await handleCommand(this.store, {
      stream: {
        commune: principal.commune,
        context: 'outreach',
        aggregateType: 'visit',
        aggregateId: visitId,
      },
      decider: visitDecider,
      commandType: 'LogVisit',
      command: {
        type: 'LogVisit',
        visitId,
        organisationId: principal.organisationId,
        now: this.clock.now().toISOString(),
        ...input,
      },
      content: input,
      context: commandContext(principal, input.commandId, input.occurredAt, headers),
      schemaVersionOf,
    });
    if (outcome.status === 'rejected') throw new RejectedCommandError(outcome.rejection);
    // Read-your-writes: answer once the visit is queryable (bounded, the append already succeeded).
    await this.visits.waitFor(outcome.position, 3000);
    return {
      visitId,
      commandId: input.commandId,
      position: outcome.position,
      status: outcome.status === 'duplicate' ? 'duplicate' : 'appended',
    };
  }
}

export const logVisit: Operation<LogVisitRequest, LogVisitResponse> = {
  kind: 'log-visit',
  scope: 'outreach:visits:write',
  input: LogVisitRequest,
  toCommand: (principal, input, headers) => new LogVisitCommand(principal, input, headers),
};
