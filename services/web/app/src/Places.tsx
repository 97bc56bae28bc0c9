import { percent, t } from './i18n';
import { Merchants } from './Merchants';
import { useApi } from './use-api';

interface Place {
  readonly placeId: string;
  readonly kind: 'street' | 'market';
  readonly name: string;
  readonly openMerchants: number;
  readonly verifiedMerchants: number;
  readonly share: number;
  readonly neededVerified: number;
  readonly neededOpen: number;
  readonly feesMissing: boolean;
  readonly qualified: boolean;
  readonly designation: { readonly decisionNumber: string } | null;
}

/** Kinh doanh: merchants' QR onboarding by village, OCOP products not online, and each street's and market's progress against the cashless criteria. */
export function Places() {
  const { data: places, error } = useApi<Place[]>('/api/merchants/v1/places');
  return (
    <>
      <Merchants />
      <Streets places={places} error={error} />
    </>
  );
}

function Streets({ places, error }: { places: Place[] | null; error: string | null }) {
  if (error) return <p class="error">{error}</p>;
  if (places === null) return <p>{t('loading')}</p>;
  return (
    <section>
      <h2>{t('places')}</h2>
      {places.length === 0 && <p>{t('noPlaces')}</p>}
      {places.map((p) => (
        <article key={p.placeId} class="team" data-place={p.name}>
          <h3>
            {p.kind === 'street' ? t('street') : t('market')}: {p.name}
          </h3>
          <p data-testid="progress">
            {t('withQr')}: {p.verifiedMerchants}/{p.openMerchants} ({percent(p.share)})
          </p>
          <p data-testid="verdict" class={p.qualified ? '' : 'error'}>
            {p.qualified
              ? p.designation
                ? `${t('designated')} ${p.designation.decisionNumber}`
                : t('qualified')
              : [
                  p.neededVerified > 0 && `${t('needsQr')} ${p.neededVerified}`,
                  p.neededOpen > 0 && `${t('needsOpen')} ${p.neededOpen}`,
                  p.feesMissing && t('feesMissing'),
                ]
                  .filter(Boolean)
                  .join('; ')}
          </p>
        </article>
      ))}
    </section>
  );
}
