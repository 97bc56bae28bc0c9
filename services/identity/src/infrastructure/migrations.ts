import { sql, type Migration } from 'kysely';

export const identityMigrations: Record<string, Migration> = {
  '0001_identity': {
    // Long: a migration is its DDL statements in order; split, the schema would be harder to read.
    async up(db) {
      await db.schema
        .createTable('organisations')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('organisations_pk', ['commune', 'organisation_id'])
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', 'boolean', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('key_id', 'uuid', (c) => c.primaryKey())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('scopes', sql`text[]`)
        .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_from', 'timestamptz')
        .addColumn('replaced_by', 'uuid')
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'timestamptz')
        .addUniqueConstraint('accounts_username', ['commune', 'username'])
        .execute();
      await db.schema
        .createTable('refresh_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('family', 'uuid', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family').execute();
      await db.schema
        .createTable('audit_entries')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull().unique())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('commune', 'text')
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('command_id', 'text')
        .addColumn('status', 'integer')
        .addColumn('code', 'text')
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('audit_by_time').on('audit_entries').columns(['commune', 'at']).execute();
      await db.schema.createIndex('audit_by_actor').on('audit_entries').columns(['actor_id', 'at']).execute();
      await db.schema
        .createIndex('audit_by_organisation')
        .on('audit_entries')
        .columns(['organisation_id', 'at'])
        .execute();
    },
  },
  // A village team's village (OrganisationRegistered `villageCode`, 2026-12-02): null for the rest.
  '0002_organisation_village': {
    async up(db) {
      await db.schema.alterTable('organisations').addColumn('village_code', 'text').execute();
    },
  },
};
