import { statementsProjection, type Projection } from '@cnscd/read-model';
import type { IdentityDatabase } from '../../infrastructure/read-model';

/**
 * Every accepted command in every service, as one audit row per commit: the events already carry the
 * actor, the command id and the aggregate, so the audit of accepted commands is a projection of the
 * whole stream. Rows are keyed by stream position: replaying writes nothing twice. One insert, sent with
 * the checkpoint as one statement (`statementsProjection`).
 */
export const acceptedCommandsProjection: Projection<IdentityDatabase> = statementsProjection({
  name: 'identity.audit-accepted.v1',
  batchSize: 1000,
  statements(db, events) {
    const commits = new Map<number, (typeof events)[number][]>();
    for (const e of events) commits.set(e.position, [...(commits.get(e.position) ?? []), e]);
    const rows = [...commits.values()].map((commit) => {
      const first = commit[0]!;
      const { commune, context, aggregateType, aggregateId } = first.stream;
      return {
        source: `evt:${first.position}`,
        outcome: 'accepted' as const,
        at: new Date(first.recordedAt),
        commune,
        service: context,
        organisation_id: first.metadata.actor.organisationId,
        actor_id: first.metadata.actor.userId ?? null,
        action: [...new Set(commit.map((e) => e.type))].join(','),
        target: `${aggregateType}/${aggregateId}`,
        command_id: first.metadata.commandId,
        status: null,
        code: null,
        reason: null,
      };
    });
    if (rows.length === 0) return [];
    return [
      db
        .insertInto('audit_entries')
        .values(rows)
        .onConflict((oc) => oc.column('source').doNothing()),
    ];
  },
});
