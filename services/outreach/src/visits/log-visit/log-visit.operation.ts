import { LogVisitResponse } from './log-visit.request';
import { VISITS } from '../../api-tags';
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
  http: {
    path: 'visits',
    tag: VISITS,
    summary: 'Ghi nhận một lượt thăm hộ / Log a door-to-door visit',
    description:
      'Ai, khi nào, ở đâu, chủ đề nào, hướng dẫn ai, hẹn gì. Who, when, where, which topics, who was guided, what follow-up was promised.',
    response: LogVisitResponse,
    location: (r) => `/v1/visits/${r['visitId']}`,
  },
  aggregateType: 'visit',
  aggregateId: visitIdOf,
  // A visit per command: appended expecting no history, read only when a resend finds it there.
  recordPerCommand: true,
  decider: visitDecider,
  command: (input, p, now, visitId) => ({
    type: 'LogVisit' as const,
    visitId,
    organisationId: p.organisationId,
    now: now.toISOString(),
    ...input,
  }),
  // Read-your-writes: answer once the visit is queryable.
  projection: VISITS_PROJECTION,
  result: (_input, visitId) => ({ visitId }),
});
