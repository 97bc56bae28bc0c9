import { ONBOARDING_STAGES } from '@cnscd/contracts/src/merchants/onboarding-stages';
import { getAll } from './api';
import { t } from './i18n';
import { useApi, useLoad } from './use-api';
import { useCommuneVillages, villageLabel } from './commune-villages';

type Column = (typeof ONBOARDING_STAGES)[number] | 'none';

interface Merchant {
  readonly merchantId: string;
  readonly villageCode: string;
  readonly bestStage: string | null;
}
interface OcopProduct {
  readonly productId: string;
  readonly name: string;
  readonly stars: number;
  readonly businessName: string;
  readonly villageCode: string;
}

/**
 * Cơ sở kinh doanh: open merchants by village and the furthest QR onboarding stage each reached (the
 * indicator counts those with a verified QR), and the OCOP products not yet sold online.
 */
export function Merchants() {
  const { data: merchants, error } = useLoad('open merchants', () =>
    getAll<Merchant>('/api/merchants/v1/merchants', { status: 'open' }),
  );
  const offline = useApi<OcopProduct[]>('/api/merchants/v1/ocop/products?online=false');
  const named = useCommuneVillages();

  const villages = [...new Set((merchants ?? []).map((m) => m.villageCode))].sort();
  const count = (village: string, column: Column) =>
    (merchants ?? []).filter((m) => m.villageCode === village && (m.bestStage ?? 'none') === column).length;
  const columns: Column[] = ['none', ...ONBOARDING_STAGES];
  return (
    <section>
      <h2>{t('merchants')}</h2>
      {error && <p class="error">{error}</p>}
      {merchants && merchants.length === 0 && <p>{t('noMerchants')}</p>}
      {merchants && merchants.length > 0 && (
        <div class="scroll">
          <table class="fit" data-testid="onboarding">
            <thead>
              <tr>
                <th>{t('village')}</th>
                {columns.map((c) => (
                  <th key={c}>{t(`onboarding_${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {villages.map((v) => (
                <tr key={v} data-village={v}>
                  <td>{villageLabel(named, v)}</td>
                  {columns.map((c) => (
                    <td key={c} data-stage={c}>
                      {count(v, c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('ocopNotOnline')}</h3>
      {offline.error && <p class="error">{offline.error}</p>}
      {offline.data?.length === 0 && <p>{t('ocopAllOnline')}</p>}
      <ul data-testid="ocop">
        {offline.data?.map((p) => (
          <li key={p.productId}>
            {p.name} ({'★'.repeat(p.stars)}) — {p.businessName}, {villageLabel(named, p.villageCode)}
          </li>
        ))}
      </ul>
    </section>
  );
}
