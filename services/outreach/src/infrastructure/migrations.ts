import { sql, type Migration } from 'kysely';

export const outreachMigrations: Record<string, Migration> = {
  '0001_visits': {
    async up(db) {
      await db.schema
        .createTable('visits')
        .addColumn('visit_id', 'uuid', (c) => c.primaryKey())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('household_id', 'uuid', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('team_member_id', 'uuid')
        .addColumn('logged_by', 'text', (c) => c.notNull())
        .addColumn('topics', sql`text[]`, (c) => c.notNull())
        .addColumn('residents_guided', 'integer', (c) => c.notNull())
        .addColumn('follow_up_topics', sql`text[]`)
        .addColumn('follow_up_due', 'date')
        .addColumn('note', 'text')
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('visits_by_village')
        .on('visits')
        .columns(['commune', 'village_code', 'occurred_at'])
        .execute();
      await db.schema
        .createTable('visit_residents')
        .addColumn('visit_id', 'uuid', (c) => c.notNull())
        .addColumn('resident_key', 'text', (c) => c.notNull())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('visit_residents_pk', ['visit_id', 'resident_key'])
        .execute();
      await db.schema
        .createIndex('visit_residents_by_resident')
        .on('visit_residents')
        .columns(['commune', 'resident_key'])
        .execute();
    },
  },
};
