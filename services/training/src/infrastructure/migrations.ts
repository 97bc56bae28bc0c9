import { sql, type Migration } from 'kysely';

export const trainingMigrations: Record<string, Migration> = {
  '0001_training': {
    // Long: a migration is its DDL statements in order; split, the schema would be harder to read.
    async up(db) {
      const pk = (t: string, cols: string[]) =>
        sql.raw(`alter table ${t} add primary key (${cols.join(', ')})`).execute(db);
      const arr = sql`text[]`;
      await db.schema
        .createTable('teams')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('team_id', 'uuid', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('village_name', 'text', (c) => c.notNull())
        .addColumn('commune_name', 'text', (c) => c.notNull())
        .addColumn('canonical_zalo', 'text', (c) => c.notNull())
        .addColumn('zalo_name', 'text')
        .addColumn('zalo_conforms', 'boolean')
        .addColumn('zalo_problems', arr, (c) => c.notNull())
        .addColumn('leader_id', 'uuid')
        .addColumn('leader_since', 'date')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await pk('teams', ['commune', 'team_id']);
      await db.schema
        .createTable('members')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('team_id', 'uuid', (c) => c.notNull())
        .addColumn('member_id', 'uuid', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('affiliation', 'text', (c) => c.notNull())
        .addColumn('joined_on', 'date', (c) => c.notNull())
        .addColumn('left_on', 'date')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await pk('members', ['commune', 'team_id', 'member_id']);
      await db.schema
        .createTable('activities')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('activity_id', 'uuid', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date', 'date', (c) => c.notNull())
        .addColumn('village_codes', arr, (c) => c.notNull())
        .addColumn('topics', arr, (c) => c.notNull())
        .addColumn('organisations', arr, (c) => c.notNull())
        .addColumn('people_reached', 'integer', (c) => c.notNull())
        .addColumn('anniversary', 'text')
        .execute();
      await pk('activities', ['commune', 'activity_id']);
      await db.schema
        .createTable('sessions')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('session_id', 'uuid', (c) => c.notNull())
        .addColumn('topics', arr, (c) => c.notNull())
        .addColumn('trainer_organisation_id', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('date', 'date', (c) => c.notNull())
        .addColumn('village_codes', arr, (c) => c.notNull())
        .addColumn('attendance', 'text', (c) => c.notNull())
        .addColumn('attendance_total', 'integer', (c) => c.notNull())
        .addColumn('attendees', 'integer', (c) => c.notNull())
        .addColumn('core_spreaders', 'boolean', (c) => c.notNull())
        .execute();
      await pk('sessions', ['commune', 'session_id']);
      await db.schema
        .createTable('village_visits')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('visit_id', 'uuid', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('visited_on', 'date', (c) => c.notNull())
        .execute();
      await pk('village_visits', ['commune', 'visit_id']);
      await db.schema
        .createIndex('village_visits_by_village')
        .on('village_visits')
        .columns(['commune', 'village_code', 'visited_on'])
        .execute();
      await db.schema
        .createTable('team_reports')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('report_id', 'uuid', (c) => c.notNull())
        .addColumn('team_id', 'uuid', (c) => c.notNull())
        .addColumn('period_from', 'date', (c) => c.notNull())
        .addColumn('period_to', 'date', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('difficulties', 'text', (c) => c.notNull())
        .addColumn('proposals', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await pk('team_reports', ['commune', 'report_id']);
      await db.schema
        .createTable('member_contacts')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('member_id', 'uuid', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .execute();
      await pk('member_contacts', ['commune', 'member_id']);
    },
  },
};
