import { sql, type Kysely } from 'kysely';

/** The `command_ids` table: every command id a service's commands used, for ever (`CommandIdIndex`). */
export interface CommandIdsTable {
  command_ids: {
    commune: string;
    command_id: string;
    subject: string;
    command_hash: string;
    position: string | number;
  };
}
/** Calls `each` with `<commune>/<command id>` for every row, read in pages of 10,000 (a keyset scan). */
export async function everyCommandId(db: Kysely<unknown>, each: (key: string) => void): Promise<void> {
  const tables = db as unknown as Kysely<CommandIdsTable>;
  let after: [string, string] | undefined;
  for (;;) {
    let page = tables
      .selectFrom('command_ids')
      .select(['commune', 'command_id'])
      .orderBy('commune')
      .orderBy('command_id')
      .limit(10_000);
    if (after) {
      const [commune, commandId] = after;
      page = page.where((eb) => eb(eb.refTuple('commune', 'command_id'), '>', eb.tuple(commune, commandId)));
    }
    const rows = await page.execute();
    for (const r of rows) each(`${r.commune}/${r.command_id}`);
    if (rows.length < 10_000) return;
    after = [rows.at(-1)!.commune, rows.at(-1)!.command_id];
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
