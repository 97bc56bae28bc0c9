import { sql, type Kysely } from 'kysely';
import {
  EventStoreUnavailableError,
  subjectOf,
  type CommandIds,
  type RecordedCommand,
} from '@cnscd/event-store';
import type { Projection } from './projection';

interface CommandIdsTable {
  command_ids: {
    commune: string;
    command_id: string;
    subject: string;
    command_hash: string;
    position: string | number;
  };
}

/** How long a command waits for the index to have read the stream once (after a start or a restore). */
const UNTIL_LIVE_MS = 5000;

/**
 * A service's command ids, for ever, in its own database (`command_ids`): filled by a projection of the
 * service's own commits — so a restored or fresh database catches up from the stream — and, the moment
 * a command is appended, by the handler itself. JetStream's dedupe window (minutes) covers the instant
 * between the two. Keyed by commune and command id: an id names one command within a commune and a
 * service, whatever aggregate it targets.
 */
export class CommandIdIndex implements CommandIds {
  private live: () => boolean = () => true;
  /** Ids this process appended whose row is still being written: `find` sees them at once. */
  private readonly pending = new Map<string, RecordedCommand>();

  constructor(
    private readonly db: Kysely<unknown>,
    readonly context: string,
  ) {}

  /** The projection that fills the index from the stream: one row per commit of the service's context. */
  projection(): Projection<unknown> {
    return {
      name: `command-ids.${this.context}`,
      filter: { context: this.context },
      batchSize: 1000,
      apply: async (trx, events) => {
        const rows = new Map<number, CommandIdsTable['command_ids']>();
        for (const e of events)
          rows.set(e.position, {
            commune: e.stream.commune,
            command_id: e.metadata.commandId,
            subject: subjectOf(e.stream),
            command_hash: e.metadata.commandHash,
            position: e.position,
          });
        if (rows.size > 0) await this.insert(trx as never, [...rows.values()]);
      },
    };
  }

  /** Until the projection has read the stream once, `find` waits (then answers 503). */
  whenLive(isLive: () => boolean): void {
    this.live = isLive;
  }

  async find(commune: string, commandId: string): Promise<RecordedCommand | undefined> {
    const justAppended = this.pending.get(`${commune}/${commandId}`);
    if (justAppended) return justAppended;
    for (const deadline = Date.now() + UNTIL_LIVE_MS; !this.live();) {
      if (Date.now() > deadline)
        throw new EventStoreUnavailableError('the command-id index has not read the stream yet');
      await new Promise((r) => setTimeout(r, 50));
    }
    const row = await this.tables(this.db)
      .selectFrom('command_ids')
      .select(['subject', 'command_hash', 'position'])
      .where('commune', '=', commune)
      .where('command_id', '=', commandId)
      .executeTakeFirst()
      .catch((err: unknown) => Promise.reject(new EventStoreUnavailableError(err)));
    return row && { subject: row.subject, commandHash: row.command_hash, position: Number(row.position) };
  }

  remember(commune: string, commandId: string, command: RecordedCommand): void {
    const key = `${commune}/${commandId}`;
    this.pending.set(key, command);
    const row = {
      commune,
      command_id: commandId,
      subject: command.subject,
      command_hash: command.commandHash,
      position: command.position,
    };
    this.insert(this.db, [row])
      .catch(() => undefined) // the projection writes it
      .finally(() => this.pending.delete(key));
  }

  /** The first commit to use an id keeps it (a later one with the same id was a conflict). */
  private async insert(db: Kysely<unknown>, rows: CommandIdsTable['command_ids'][]) {
    await this.tables(db)
      .insertInto('command_ids')
      .values(rows)
      .onConflict((oc) => oc.columns(['commune', 'command_id']).doNothing())
      .execute();
  }

  private tables(db: Kysely<unknown>) {
    return db as unknown as Kysely<CommandIdsTable>;
  }
}

export async function createCommandIdsTable(db: Kysely<unknown>): Promise<void> {
  await sql`create table if not exists command_ids (
    commune text not null,
    command_id text not null,
    subject text not null,
    command_hash text not null,
    position bigint not null,
    primary key (commune, command_id))`.execute(db);
}
