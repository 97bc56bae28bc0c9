import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';

/**
 * QR onboardings a bank recorded for a merchant nobody has registered (steps are taken in any order,
 * offline ones included): shown for the Economic Office to register the merchant or ask the bank;
 * counted nowhere until the merchant is registered.
 */
@Injectable()
export class OrphanOnboardingsHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<MerchantsDatabase>) {}

  async execute(commune: string) {
    const rows = await this.rm.db
      .selectFrom('onboardings as o')
      .leftJoin('merchants as m', (j) =>
        j.onRef('m.commune', '=', 'o.commune').onRef('m.merchant_id', '=', 'o.merchant_id'),
      )
      .select(['o.onboarding_id', 'o.merchant_id', 'o.provider_id', 'o.stage', 'o.updated_at'])
      .where('o.commune', '=', commune)
      .where('m.merchant_id', 'is', null)
      .orderBy('o.updated_at')
      .execute();
    return rows.map((r) => ({
      onboardingId: r.onboarding_id,
      merchantId: r.merchant_id,
      providerId: r.provider_id,
      stage: r.stage,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }
}
