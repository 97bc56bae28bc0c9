import type { Migration } from 'kysely';

export const indicatorsMigrations: Record<string, Migration> = {
  '0001_indicators_schema': {
    async up(db) {
      await db.schema
        .createTable('indicators_schema')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('schema_name', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
