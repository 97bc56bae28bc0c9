import { sql, type Kysely, type Transaction } from 'kysely';
import { subjectOf, type RecordedEvent, type UnreadableCommit } from '@cnscd/event-store';

/**
 * An event a consumer of the stream could not apply, set aside so that the events after it go on
 * (docs/mission/ARCHITECTURE.md §9). Kept in the consumer's own database, beside its checkpoint, until it is replayed
 * after a fix (an upcaster, a corrected projection) or dismissed by an operator.
 */
export interface ParkedEvent {
  readonly projection: string;
  /** The stream position of the commit. */
  readonly position: number;
  /** The event's index in its commit; `WHOLE_COMMIT` when the message itself could not be read. */
  readonly eventIndex: number;
  readonly eventId: string | null;
  readonly type: string | null;
  readonly subject: string;
  readonly reason: string;
  readonly recordedAt: string | null;
  readonly parkedAt: string;
}

export const WHOLE_COMMIT = -1;

interface ParkedRow {
  projection: string;
  position: string | number;
  event_index: number;
  event_id: string | null;
  type: string | null;
  subject: string;
  reason: string;
  recorded_at: string | Date | null;
  parked_at: string | Date;
}
interface ParkingTables {
  parked_events: ParkedRow;
}

/** The parking table, in `schema` or the connection's default one (idempotent). */
export async function createParkingTable(db: Kysely<unknown>, schema?: string): Promise<void> {
  const table = sql.raw(schema ? `"${schema}".parked_events` : 'parked_events');
  await sql`create table if not exists ${table} (
    projection text not null,
    position bigint not null,
    event_index int not null,
    event_id text,
    type text,
    subject text not null,
    reason text not null,
    recorded_at timestamptz,
    parked_at timestamptz not null default now(),
    primary key (projection, position, event_index))`.execute(db);
}

/**
 * A reason is kept and shown to operators: it never carries a long digit run (an ID-card or phone
 * number that a malformed message might hold, echoed by a parser or the database).
 */
export const redactReason = (reason: string): string =>
  reason.replace(/\d(?:[\s.-]?\d){8,}/g, '[…]').slice(0, 500);

export type ParkedEventInput = Omit<ParkedEvent, 'parkedAt'>;

export const parkedEvent = (projection: string, e: RecordedEvent, reason: string): ParkedEventInput => ({
  projection,
  position: e.position,
  eventIndex: e.index,
  eventId: e.eventId,
  type: e.type,
  subject: subjectOf(e.stream),
  reason: redactReason(`Không áp dụng được / Could not apply: ${reason}`),
  recordedAt: e.recordedAt,
});

export const parkedCommit = (projection: string, c: UnreadableCommit): ParkedEventInput => ({
  projection,
  position: c.position,
  eventIndex: WHOLE_COMMIT,
  eventId: null,
  type: null,
  subject: c.subject.slice(0, 300),
  reason: redactReason(`Không đọc được / Unreadable: ${c.reason}`),
  recordedAt: c.recordedAt,
});

const tables = (db: Kysely<unknown> | Transaction<unknown>) => db as unknown as Kysely<ParkingTables>;

/** Parks events (again: a second parking of the same event updates its reason). */
export async function park(db: Kysely<unknown> | Transaction<unknown>, events: readonly ParkedEventInput[]) {
  if (events.length === 0) return;
  await tables(db)
    .insertInto('parked_events')
    .values(
      events.map((p) => ({
        projection: p.projection,
        position: p.position,
        event_index: p.eventIndex,
        event_id: p.eventId,
        type: p.type,
        subject: p.subject,
        reason: p.reason,
        recorded_at: p.recordedAt,
        parked_at: sql<string>`now()` as never,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['projection', 'position', 'event_index']).doUpdateSet({
        reason: (eb) => eb.ref('excluded.reason'),
        parked_at: sql<string>`now()` as never,
      }),
    )
    .execute();
}

export async function parkedEvents(
  db: Kysely<unknown>,
  projection: string,
  limit = 1000,
): Promise<ParkedEvent[]> {
  const rows = await tables(db)
    .selectFrom('parked_events')
    .selectAll()
    .where('projection', '=', projection)
    .orderBy('position')
    .orderBy('event_index')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    projection: r.projection,
    position: Number(r.position),
    eventIndex: r.event_index,
    eventId: r.event_id,
    type: r.type,
    subject: r.subject,
    reason: r.reason,
    recordedAt: r.recorded_at === null ? null : new Date(r.recorded_at).toISOString(),
    parkedAt: new Date(r.parked_at).toISOString(),
  }));
}

export async function countParked(db: Kysely<unknown>, projection: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('parked_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('projection', '=', projection)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Takes parked events out (replayed, or dismissed by an operator); answers how many were there. */
export async function unpark(
  db: Kysely<unknown> | Transaction<unknown>,
  projection: string,
  position: number,
  eventIndex?: number,
): Promise<number> {
  let query = tables(db)
    .deleteFrom('parked_events')
    .where('projection', '=', projection)
    .where('position', '=', position);
  if (eventIndex !== undefined) query = query.where('event_index', '=', eventIndex);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Takes every parked event of a consumer out (before it parks afresh after a full replay). */
export async function unparkAll(
  db: Kysely<unknown> | Transaction<unknown>,
  projection: string,
): Promise<void> {
  await tables(db).deleteFrom('parked_events').where('projection', '=', projection).execute();
}
