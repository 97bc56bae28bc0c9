import { sql, type Migration } from 'kysely';

export const merchantsMigrations: Record<string, Migration> = {
  '0001_merchants': {
    // Long: a migration is its DDL statements in order; split, the schema would be harder to read.
    async up(db) {
      const pk = (t: string, cols: string[]) =>
        sql.raw(`alter table ${t} add primary key (${cols.join(', ')})`).execute(db);
      await db.schema
        .createTable('merchants')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('merchant_id', 'uuid', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('business_name', 'text', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('street_id', 'uuid')
        .addColumn('market_id', 'uuid')
        .addColumn('stall', 'text')
        .addColumn('sector', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_on', 'date', (c) => c.notNull())
        .addColumn('closed_on', 'date')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await pk('merchants', ['commune', 'merchant_id']);
      await db.schema
        .createIndex('merchants_by_street')
        .on('merchants')
        .columns(['commune', 'street_id'])
        .execute();
      await db.schema
        .createIndex('merchants_by_market')
        .on('merchants')
        .columns(['commune', 'market_id'])
        .execute();
      await db.schema
        .createTable('onboardings')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('onboarding_id', 'uuid', (c) => c.notNull())
        .addColumn('merchant_id', 'uuid', (c) => c.notNull())
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('verified_by', 'text')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await pk('onboardings', ['commune', 'onboarding_id']);
      await db.schema
        .createIndex('onboardings_by_merchant')
        .on('onboardings')
        .columns(['commune', 'merchant_id'])
        .execute();
      await db.schema
        .createTable('places')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('place_id', 'uuid', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('village_codes', sql`text[]`, (c) => c.notNull())
        .addColumn('cashless_fees', 'boolean')
        .addColumn('qualified', 'boolean', (c) => c.notNull())
        .addColumn('designation', 'text')
        .addColumn('decision_date', 'date')
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await pk('places', ['commune', 'place_id']);
      await db.schema
        .createTable('cashless_criteria')
        .addColumn('commune', 'text', (c) => c.primaryKey())
        .addColumn('criteria', 'text', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ocop_products')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('merchant_id', 'uuid', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('stars', 'integer', (c) => c.notNull())
        .execute();
      await pk('ocop_products', ['commune', 'product_id']);
      await db.schema
        .createTable('ocop_listings')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('listed_on', 'date', (c) => c.notNull())
        .addColumn('delisted_on', 'date')
        .execute();
      await pk('ocop_listings', ['commune', 'product_id', 'platform']);
      await db.schema
        .createTable('places_to_evaluate')
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('place_id', 'uuid', (c) => c.notNull())
        .addColumn('mark', 'bigint', (c) => c.notNull())
        .execute();
      await pk('places_to_evaluate', ['commune', 'place_id']);
    },
  },
};
