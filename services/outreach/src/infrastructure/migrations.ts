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
  '0002_residents_households_adoptions': {
    async up(db) {
      await db.schema
        .createTable('residents')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('resident_key', 'text', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('household_id', 'uuid')
        .addColumn('sex', 'text')
        .addColumn('birth_year', 'integer', (c) => c.notNull())
        .addColumn('identification', 'text', (c) => c.notNull())
        .addColumn('consent', 'boolean', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('personal', 'text')
        .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
        .addColumn('moved_on', 'date')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('residents_pk', ['commune', 'resident_key'])
        .execute();
      await db.schema
        .createIndex('residents_by_village')
        .on('residents')
        .columns(['commune', 'village_code'])
        .execute();
      await db.schema
        .createIndex('residents_by_household')
        .on('residents')
        .columns(['commune', 'household_id'])
        .execute();
      await db.schema
        .createTable('adoptions')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('resident_key', 'text', (c) => c.notNull())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('stages', sql`text[]`, (c) => c.notNull())
        .addColumn('stage', 'text')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('adoptions_pk', ['commune', 'resident_key', 'indicator'])
        .execute();
      await db.schema
        .createTable('households')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('household_id', 'uuid', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('households_pk', ['commune', 'household_id'])
        .execute();
      await db.schema
        .createTable('resident_data_keys')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('resident_key', 'text', (c) => c.notNull())
        .addColumn('wrapped_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('resident_data_keys_pk', ['commune', 'resident_key'])
        .execute();
    },
  },
};
