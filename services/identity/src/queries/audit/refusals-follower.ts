import { Logger } from '@nestjs/common';
import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { AUDIT_STREAM, CommandRefusedV1, type CommandRefused } from '@cnscd/contracts';
import {
  ConsumerState,
  WHOLE_COMMIT,
  park,
  readCheckpoint,
  redactReason,
  writeWithCheckpoint,
  type ConsumerStatus,
  type ParkedEvent,
  type ParkedEventInput,
  type ReplayResult,
} from '@cnscd/read-model';
import type { StreamConsumer } from '@cnscd/service-kit';
import type { IdentityDatabase } from '../../infrastructure/read-model';

interface Refusal {
  readonly seq: number;
  readonly record: CommandRefused;
}

const NAME = 'identity.audit-refused.v1';
const RETRY_MS = 1000;

/**
 * Follows the audit stream (every service's refusals) into the audit table, from a checkpoint kept in
 * the same transaction as the rows. Refusals are not events, but the follower behaves like every other
 * consumer (docs/mission/ARCHITECTURE.md §9): a record that does not parse is parked (GET /v1/admin/parked) and the
 * records after it go on; a lost connection or database is retried from the checkpoint.
 */
export class RefusalsFollower implements StreamConsumer {
  readonly name = NAME;
  /** Shown to operators; the audit stream, not the event stream. */
  readonly filter = {};
  readonly subjects = 'cnscd.audit.>';
  private readonly logger = new Logger('Audit');
  private messages?: ConsumerMessages;
  private stopped = false;
  private position = 0;
  private readonly state: ConsumerState;

  constructor(
    private readonly nc: NatsConnection,
    private readonly db: Kysely<IdentityDatabase>,
  ) {
    this.state = new ConsumerState(NAME, db as Kysely<unknown>);
  }

  get checkpoint(): number {
    return this.position;
  }

  get isLive(): boolean {
    return this.state.live;
  }

  status(): ConsumerStatus {
    return this.state.status(this.position);
  }

  async lastPosition(): Promise<number> {
    return (await (await jetstreamManager(this.nc)).streams.info(AUDIT_STREAM)).state.last_seq;
  }

  parked(limit = 1000): Promise<ParkedEvent[]> {
    return this.state.parkedEvents(limit);
  }

  /** A refusal record is not an event: nothing upcasts it, so a parked one stays until dismissed. */
  async replayParked(): Promise<ReplayResult> {
    return { replayed: 0, stillParked: this.state.parked };
  }

  dismissParked(position: number, eventIndex?: number): Promise<number> {
    return this.state.dismiss(position, eventIndex);
  }

  start(): void {
    void this.follow();
  }

  stop(): void {
    this.stopped = true;
    this.messages?.stop();
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        this.position = await readCheckpoint(this.db as Kysely<unknown>, NAME);
        await this.state.recount();
        const consumer = await jetstream(this.nc).consumers.get(AUDIT_STREAM, {
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: this.position + 1,
        });
        if ((await consumer.info(true)).num_pending === 0) this.state.live = true;
        const messages = await consumer.consume({ max_messages: 500 });
        this.messages = messages;
        if (this.stopped) messages.stop();
        let batch: Refusal[] = [];
        let parked: ParkedEventInput[] = [];
        for await (const m of messages) {
          const parsed = CommandRefusedV1.safeParse(safeJson(m.string()));
          if (parsed.success) batch.push({ seq: m.seq, record: parsed.data });
          else parked.push(parkedRecord(m.seq, m.subject, parsed.error.issues[0]));
          if (batch.length + parked.length >= 200 || m.info.pending === 0) {
            await this.write(batch, parked, m.seq);
            [batch, parked] = [[], []];
            this.position = m.seq;
            this.state.recovered();
            if (m.info.pending === 0) this.state.live = true;
          }
        }
      } catch (err) {
        if (this.stopped) break;
        this.logger.error(`Audit follower failed, retrying: ${this.state.failed(err)}`);
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  private async write(batch: readonly Refusal[], parked: readonly ParkedEventInput[], position: number) {
    await writeWithCheckpoint(this.db, NAME, position, async (trx) => {
      if (batch.length > 0)
        await trx
          .insertInto('audit_entries')
          .values(batch.map(rowOf))
          .onConflict((oc) => oc.column('source').doNothing())
          .execute();
      await park(trx as never, parked);
    });
    if (parked.length > 0) {
      await this.state.recount();
      for (const p of parked) this.logger.error(`Parked the refusal record at ${p.position}: ${p.reason}`);
    }
  }
}

const rowOf = ({ seq, record: r }: Refusal) => ({
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
});

const parkedRecord = (
  seq: number,
  subject: string,
  issue: { path: PropertyKey[]; message: string } | undefined,
): ParkedEventInput => ({
  projection: NAME,
  position: seq,
  eventIndex: WHOLE_COMMIT,
  eventId: null,
  type: 'CommandRefused',
  subject: subject.slice(0, 300),
  reason: redactReason(
    issue ? `${issue.path.join('.') || '(record)'}: ${issue.message}` : 'not a refusal record',
  ),
  recordedAt: null,
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
