import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { createCommandIdsTable } from './command-ids-table';
import { createParkingTable } from './parking';

/** The read-model library's own tables, migrated before a service's. */
const libraryMigrations: Record<string, Migration> = {
  '0000_read_model_checkpoints': {
    async up(db) {
      await db.schema
        .createTable('read_model_checkpoints')
        .addColumn('projection', 'text', (c) => c.primaryKey())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '0000_read_model_parked_events': {
    up: (db) => createParkingTable(db),
  },
  '0000_read_model_command_ids': {
    up: (db) => createCommandIdsTable(db),
  },
};

/** Brings the schema up to date. Migration names sort in the order they run: prefix them with a number. */
export async function migrate(db: Kysely<unknown>, migrations: Record<string, Migration>): Promise<void> {
  const migrator = new Migrator({
    db,
    // The library's migrations (0000_…) may arrive after a service's own have run.
    allowUnorderedMigrations: true,
    provider: { getMigrations: async () => ({ ...libraryMigrations, ...migrations }) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
