import { Logger } from '@nestjs/common';
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { AUDIT_STREAM, CommandRefusedV1, type CommandRefused } from '@cnscd/contracts';
import { applyBatch, readCheckpoint, type Projection } from '@cnscd/read-model';
import type { IdentityDatabase } from '../infrastructure/read-model';

interface Refusal {
  readonly seq: number;
  readonly record: CommandRefused;
}

/** Refusals are not events; the same checkpointed, idempotent write is used for them (keyed by audit-stream sequence). */
const refusalsProjection: Projection<IdentityDatabase> = {
  name: 'identity.audit-refused.v1',
  async apply(trx, batch) {
    const rows = (batch as unknown as Refusal[]).map(({ seq, record: r }) => ({
      source: `ref:${seq}`,
      outcome: 'refused' as const,
      at: new Date(r.at),
      commune: r.commune,
      service: r.service,
      organisation_id: r.organisationId,
      actor_id: r.actorId,
      action: r.action,
      target: r.target,
      command_id: r.commandId,
      status: r.status,
      code: r.code,
      reason: r.reason,
    }));
    await trx
      .insertInto('audit_entries')
      .values(rows)
      .onConflict((oc) => oc.column('source').doNothing())
      .execute();
  },
};

/**
 * Follows the audit stream (every service's refusals) into the audit table, from a checkpoint kept in
 * the same transaction as the rows. A record that does not parse is skipped and logged.
 */
export class RefusalsFollower {
  private readonly logger = new Logger('Audit');
  private messages?: ConsumerMessages;

  constructor(
    private readonly nc: NatsConnection,
    private readonly db: Kysely<IdentityDatabase>,
  ) {}

  async start(): Promise<void> {
    const after = await readCheckpoint(this.db as never, refusalsProjection.name);
    const consumer = await jetstream(this.nc).consumers.get(AUDIT_STREAM, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: after + 1,
    });
    const messages = await consumer.consume({ max_messages: 500 });
    this.messages = messages;
    void (async () => {
      let batch: Refusal[] = [];
      for await (const m of messages) {
        const parsed = CommandRefusedV1.safeParse(safeJson(m.string()));
        if (parsed.success) batch.push({ seq: m.seq, record: parsed.data });
        else this.logger.warn(`Unreadable refusal at ${m.seq} skipped`);
        if (batch.length >= 200 || m.info.pending === 0) {
          await applyBatch(this.db, refusalsProjection, batch as never, m.seq);
          batch = [];
        }
      }
    })().catch((err: Error) => this.logger.error(`Audit follower stopped: ${err.message}`));
  }

  stop(): void {
    this.messages?.stop();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
