import { deterministicUuid } from '@cnscd/event-store';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { VISITS_PROJECTION } from '../../infrastructure/tokens';
import { visitDecider } from '../visit.decider';
import { LogVisitRequest } from './log-visit.request';

/** Derived from the command id: a resend always targets the same visit, even after the dedupe window. */
const visitIdOf = (input: LogVisitRequest, p: Principal) =>
  deterministicUuid('visit', p.commune, input.commandId);

export const logVisit = deciderOperation({
  kind: 'log-visit',
  // Recorded under this name before the write became declarative: old commands keep their hash.
  commandType: 'LogVisit',
  scope: 'outreach:visits:write',
  input: LogVisitRequest,
  aggregateType: 'visit',
  aggregateId: visitIdOf,
  decider: visitDecider,
  command: (input, p, now) => ({
    type: 'LogVisit' as const,
    visitId: visitIdOf(input, p),
    organisationId: p.organisationId,
    now: now.toISOString(),
    ...input,
  }),
  // Read-your-writes: answer once the visit is queryable.
  projection: VISITS_PROJECTION,
  result: (_input, visitId) => ({ visitId }),
});
