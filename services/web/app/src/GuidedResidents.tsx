import {
  ADOPTION_INDICATORS,
  ADOPTION_STAGE_LABELS,
  type AdoptionIndicator,
  type AdoptionStage,
} from '@cnscd/contracts/src/adoption';
import { confirmedByOthers, stagesOffered, type AdoptionPolicy } from './adoption-policy';
import type { VillageResident } from './device-db';
import { inUserLanguage, residentLabel, t } from './i18n';

/**
 * Người được hướng dẫn: the residents of the household (or, for a household not on the list, the
 * village's residents who belong to none), each ticked when guided, with the stage reached — only the
 * stages the volunteer's organisation may confirm; who confirms the others is said beneath.
 */
export function GuidedResidents(props: {
  residents: readonly VillageResident[];
  legend: string;
  indicators: readonly AdoptionIndicator[];
  policy: AdoptionPolicy | null;
  guided: Readonly<Record<string, AdoptionStage>>;
  guide: (residentKey: string, stage: AdoptionStage | null) => void;
}) {
  const { residents, legend, indicators, policy, guided, guide } = props;
  const offered = stagesOffered(policy, indicators);
  const others = confirmedByOthers(policy, indicators);
  if (residents.length === 0) return null;
  return (
    <fieldset data-testid="residents">
      <legend>{legend}</legend>
      {residents.map((r, i) => (
        <div key={r.residentKey} class="resident">
          <label class="check">
            <input
              type="checkbox"
              name="guided"
              checked={r.residentKey in guided}
              onChange={(e) =>
                guide(r.residentKey, e.currentTarget.checked ? (offered[0] ?? 'guided') : null)
              }
            />
            {t('person')} {i + 1}: {residentLabel(r)}
          </label>
          {r.residentKey in guided && indicators.length > 0 && (
            <select
              aria-label={`${t('stageReached')} — ${t('person')} ${i + 1}`}
              value={guided[r.residentKey]}
              onChange={(e) => guide(r.residentKey, e.currentTarget.value as AdoptionStage)}
            >
              {offered.map((s) => (
                <option key={s} value={s}>
                  {inUserLanguage(ADOPTION_STAGE_LABELS[s])}
                </option>
              ))}
            </select>
          )}
        </div>
      ))}
      {indicators.length > 0 && others.length > 0 && (
        <p class="hint" data-testid="confirmed-by-others">
          {t('confirmedByOthers')}{' '}
          {others
            .map(
              (o) =>
                `${inUserLanguage(ADOPTION_INDICATORS[o.indicator])} — ${inUserLanguage(ADOPTION_STAGE_LABELS[o.stage])}: ${o.by.join(', ')}`,
            )
            .join('; ')}
          .
        </p>
      )}
    </fieldset>
  );
}
