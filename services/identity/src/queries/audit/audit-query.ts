import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Instant } from '@cnscd/contracts';
import type { IdentityDatabase } from '../../infrastructure/read-model';

export const AuditParams = z.strictObject({
  actor: z.string().max(64).optional(),
  organisation: z.string().max(64).optional(),
  outcome: z.enum(['accepted', 'refused']).optional(),
  service: z.string().max(40).optional(),
  /** Matches the aggregate (`merchant/<id>`), the command's target or a part of it. */
  target: z.string().min(3).max(200).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditParams = z.infer<typeof AuditParams>;

/**
 * Accepted and refused commands of one commune, newest first. Refusals without any credential (no
 * commune known) are shown to every commune's auditors: they name nobody, and show probing.
 */
/** The audit trail of a commune: accepted commands and refusals, newest first, filtered as asked. */
@Injectable()
export class AuditQuery {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>) {}

  entries(commune: string, q: AuditParams) {
    return auditEntries(this.rm.db, commune, q);
  }
}

async function auditEntries(db: Kysely<IdentityDatabase>, commune: string, q: AuditParams) {
  const rows = await db
    .selectFrom('audit_entries')
    .select([
      'outcome',
      'at',
      'commune',
      'service',
      'organisation_id as organisationId',
      'actor_id as actorId',
      'action',
      'target',
      'command_id as commandId',
      'status',
      'code',
      'reason',
    ])
    .where((eb) => eb.or([eb('commune', '=', commune), eb('commune', 'is', null)]))
    .$if(!!q.actor, (b) => b.where('actor_id', '=', q.actor!))
    .$if(!!q.organisation, (b) => b.where('organisation_id', '=', q.organisation!))
    .$if(!!q.outcome, (b) => b.where('outcome', '=', q.outcome!))
    .$if(!!q.service, (b) => b.where('service', '=', q.service!))
    .$if(!!q.target, (b) => b.where('target', 'like', `%${q.target!.replace(/[%_\\]/g, '\\$&')}%`))
    .$if(!!q.from, (b) => b.where('at', '>=', new Date(q.from!)))
    .$if(!!q.to, (b) => b.where('at', '<', new Date(q.to!)))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
