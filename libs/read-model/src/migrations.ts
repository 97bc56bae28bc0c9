import { Migrator, sql, type Kysely, type Migration } from 'kysely';

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
};

/** Brings the schema up to date. Migration names sort in the order they run: prefix them with a number. */
export async function migrate(db: Kysely<unknown>, migrations: Record<string, Migration>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...libraryMigrations, ...migrations }) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
