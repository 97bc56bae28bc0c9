import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';
import { assessPlace, countPlace } from '../places/cashless-evaluation';
import { criteriaOf, merchantsOnPlace } from './place-evaluator';

type Db = ReadModelDatabase<MerchantsDatabase>;

// ── Streets and markets with their progress ─────────────────────────────────────────────────────
export const PlaceView = z
  .object({
    placeId: EntityId,
    kind: z.enum(['street', 'market']),
    name: z.string(),
    villageCodes: z.array(z.string()),
    openMerchants: z.number().int(),
    verifiedMerchants: z.number().int(),
    /** Share of open merchants whose QR code counts. */
    share: z.number(),
    /** How many more merchants with a counted QR code it needs; and how many more open merchants. */
    neededVerified: z.number().int(),
    neededOpen: z.number().int(),
    cashlessFees: z.boolean().nullable(),
    feesMissing: z.boolean(),
    /** Meets the criteria now, per the latest evaluation. */
    qualified: z.boolean(),
    designation: z.object({ decisionNumber: z.string(), decisionDate: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Place' });
export type PlaceView = z.output<typeof PlaceView>;
export const ListPlacesParams = z.strictObject({ kind: z.enum(['street', 'market']).optional() });

/** What the read is asked. */
export class ListPlacesQuery {
  constructor(
    readonly commune: string,
    readonly kind?: 'street' | 'market',
  ) {}
}

@Injectable()
export class ListPlacesHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: Db) {}

  async execute({ commune, kind }: ListPlacesQuery): Promise<PlaceView[]> {
    let q = this.rm.db.selectFrom('places').selectAll().where('commune', '=', commune);
    if (kind) q = q.where('kind', '=', kind);
    const places = await q.orderBy('kind').orderBy('name').execute();
    const { criteria } = await criteriaOf(this.rm.db, commune);
    return Promise.all(
      places.map(async (p) => {
        const counts = countPlace(
          await merchantsOnPlace(this.rm.db, commune, p.kind, p.place_id),
          criteria.countedStage,
        );
        const a = assessPlace(p.kind, counts, p.cashless_fees, criteria);
        return {
          placeId: p.place_id,
          kind: p.kind,
          name: p.name,
          villageCodes: p.village_codes,
          ...counts,
          share: counts.openMerchants ? counts.verifiedMerchants / counts.openMerchants : 0,
          neededVerified: a.neededVerified,
          neededOpen: a.neededOpen,
          cashlessFees: p.cashless_fees,
          feesMissing: a.feesMissing,
          qualified: p.qualified,
          designation: p.designation
            ? { decisionNumber: p.designation, decisionDate: p.decision_date }
            : null,
        };
      }),
    );
  }
}
