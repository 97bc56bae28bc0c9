import { BY_COMMUNE_TABLES, BY_ENTITY_TABLES, COPY_TABLES, createTableStatement } from './fact-tables';

describe('the fact tables, each defined once', () => {
  it('creates a bulk table without a key, so a rebuild can COPY into it and index it once at the end', () => {
    expect(createTableStatement('indicators_v2', 'f_adoption')).toBe(
      'create table if not exists "indicators_v2".f_adoption (commune text not null, resident_key text not null, ' +
        'indicator text not null, stage text not null, delta int not null, on_day date not null, ' +
        'recorded_at timestamptz not null, seq bigint not null)',
    );
    expect(COPY_TABLES).toEqual([
      'f_residence',
      'f_adoption',
      'f_merchant_status',
      'f_onboarding',
      'a_delta',
      'r_late',
    ]);
  });

  it('keys every other table by its definition, and lets only the columns marked nullable be null', () => {
    expect(createTableStatement('s', 'f_target')).toBe(
      'create table if not exists "s".f_target (event_id text not null, commune text not null, indicator text not null, ' +
        'village text, year int not null, value double precision not null, reason text not null, ' +
        'recorded_at timestamptz not null, seq bigint not null, primary key (seq))',
    );
    expect(createTableStatement('s', 'f_work')).toMatch(/primary key \(event_id, village\)\)$/);
  });

  it("carries the running totals' counts in their keys, for reads that need no page of the table", () => {
    expect(createTableStatement('s', 'a_total')).toMatch(
      /primary key \(commune, indicator, level, day\) include \(n\)\)$/,
    );
    expect(createTableStatement('s', 'a_village_total')).toMatch(
      /primary key \(commune, indicator, level, village, day\) include \(n\)\)$/,
    );
  });

  it('indexes by commune and recorded time the tables read "as known at K"', () => {
    expect(BY_COMMUNE_TABLES).toEqual(['f_designation', 'f_denominator', 'f_work', 'f_village']);
  });

  it('indexes by resident or merchant the tables the projection reads to compute count changes', () => {
    expect(BY_ENTITY_TABLES).toEqual([
      ['f_residence', 'resident_key'],
      ['f_adoption', 'resident_key'],
      ['f_merchant_status', 'merchant_id'],
      ['f_onboarding', 'merchant_id'],
    ]);
  });
});
