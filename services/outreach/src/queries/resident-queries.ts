import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ResidentKey, VillageCode, type SealedDetails } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { NotFoundError } from '@cnscd/service-kit';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { ResidentVault } from '../infrastructure/resident-vault';
import { READ_MODEL } from '@cnscd/service-kit';
import { toResidentView, ResidentView } from './resident-view';

/** Residents with their stage per indicator, keyed by resident; used by the lists below. */
export async function residentsWithStages(
  db: Kysely<OutreachDatabase>,
  commune: string,
  where: (q: ReturnType<typeof base>) => ReturnType<typeof base>,
) {
  const rows = await where(base(db, commune)).orderBy('resident_key').execute();
  if (rows.length === 0) return [];
  const adoptions = await db
    .selectFrom('adoptions')
    .selectAll()
    .where('commune', '=', commune)
    .where(
      'resident_key',
      'in',
      rows.map((r) => r.resident_key),
    )
    .execute();
  const householdIds = [...new Set(rows.flatMap((r) => (r.household_id ? [r.household_id] : [])))];
  const codes = new Map(
    householdIds.length === 0
      ? []
      : (
          await db
            .selectFrom('households')
            .select(['household_id', 'code'])
            .where('commune', '=', commune)
            .where('household_id', 'in', householdIds)
            .execute()
        ).map((h) => [h.household_id, h.code]),
  );
  return rows.map((r) =>
    toResidentView(
      r,
      adoptions.filter((a) => a.resident_key === r.resident_key),
      (r.household_id && codes.get(r.household_id)) ?? null,
    ),
  );
}
const base = (db: Kysely<OutreachDatabase>, commune: string) =>
  db.selectFrom('residents').selectAll().where('commune', '=', commune);

// ── Residents of a village ──────────────────────────────────────────────────────────────────────
export const ListResidentsParams = z.strictObject({
  village: VillageCode,
  limit: z.coerce.number().int().min(1).max(500).default(200),
  /** The last `residentKey` of the previous page. */
  after: ResidentKey.optional(),
});
export const ResidentPage = z
  .object({ items: z.array(ResidentView), next: ResidentKey.nullable() })
  .meta({ id: 'ResidentPage' });
export type ResidentPage = z.output<typeof ResidentPage>;

/** What the read is asked. */
export class ListResidentsQuery {
  constructor(
    readonly commune: string,
    readonly params: z.output<typeof ListResidentsParams>,
  ) {}
}

@Injectable()
export class ListResidentsHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>) {}

  async execute({ commune, params }: ListResidentsQuery): Promise<ResidentPage> {
    const items = await residentsWithStages(this.rm.db, commune, (q) => {
      const inVillage = q.where('village_code', '=', params.village).limit(params.limit + 1);
      return params.after ? inVillage.where('resident_key', '>', params.after) : inVillage;
    });
    const page = items.slice(0, params.limit);
    return { items: page, next: items.length > params.limit ? page.at(-1)!.residentKey : null };
  }
}

// ── One resident ────────────────────────────────────────────────────────────────────────────────
/** What the read is asked. */
export class GetResidentQuery {
  constructor(
    readonly commune: string,
    readonly residentKey: string,
    readonly withContact: boolean,
  ) {}
}

@Injectable()
export class GetResidentHandler {
  constructor(
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>,
    @Inject(ResidentVault) private readonly vault: ResidentVault,
  ) {}

  async execute({ commune, residentKey, withContact }: GetResidentQuery): Promise<ResidentView> {
    const [resident] = await residentsWithStages(this.rm.db, commune, (q) =>
      q.where('resident_key', '=', residentKey),
    );
    if (!resident) throw new NotFoundError('resident');
    if (!withContact) return resident;
    const row = await base(this.rm.db, commune)
      .where('resident_key', '=', residentKey)
      .executeTakeFirstOrThrow();
    const details = row.personal
      ? await this.vault.open(this.rm.db, commune, residentKey, JSON.parse(row.personal) as SealedDetails)
      : null;
    return { ...resident, contact: details ? { name: details.name, phone: details.phone } : null };
  }
}

/** Whether a resident is registered (or erased) in the commune: `null` for a key nobody registered. */
@Injectable()
export class ResidentStatusHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>) {}

  async execute(commune: string, residentKey: string): Promise<string | null> {
    const row = await this.rm.db
      .selectFrom('residents')
      .select('status')
      .where('commune', '=', commune)
      .where('resident_key', '=', residentKey)
      .executeTakeFirst();
    return row?.status ?? null;
  }
}
