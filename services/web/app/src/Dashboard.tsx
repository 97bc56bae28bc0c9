import { useState } from 'preact/hooks';
import { nameIn, villagesOf, type IndicatorDefinition, type IndicatorValue } from './api';
import { vietnamToday } from './days';
import { day, figure, inUserLanguage, t } from './i18n';
import { DayInput } from './DayInput';
import { TrendChart } from './TrendChart';
import { KeptNotice } from './KeptNotice';
import { useKeptApi } from './use-api';

/**
 * How far a value is from its target: coloured cells. A target of 0 (no cashless market asked for by
 * 2025) is nothing to meet: no colour. "Near" is within 10 points of a share, or one short of a count.
 */
const distance = (v: IndicatorValue, kind: IndicatorDefinition['kind']) =>
  v.value === null || v.target === null || v.target <= 0
    ? ''
    : v.value >= v.target
      ? 'met'
      : v.target - v.value <= (kind === 'count' ? 1 : 0.1)
        ? 'near'
        : 'far';

/**
 * Tổng quan: the eight indicators for the commune (value, this year's target, the gap, the 2025 and
 * 2030 targets) and each village, as of a day, optionally as known on a day. A village's heading
 * opens its page.
 */
// Long: the overview's table and chart in one component; issue 19 reworks the screens.
export function Dashboard({ onVillage }: { onVillage: (village: string) => void }) {
  const [date, setDate] = useState(vietnamToday());
  const [knownOn, setKnownOn] = useState('');
  const [charted, setCharted] = useState('vneid');
  const definitions = useKeptApi<IndicatorDefinition[]>('/api/indicators/v1/indicators').data ?? [];
  const query = new URLSearchParams({ date, ...(knownOn ? { knownOn } : {}) });
  const answer = useKeptApi<{ values: IndicatorValue[] }>(`/api/indicators/v1/values?${query}`);
  const values = answer.data?.values ?? null;

  const villages = villagesOf(values ?? []);
  const cell = (indicator: string, village: string) =>
    values?.find((v) => v.indicator === indicator && v.village === village);
  return (
    <section>
      <h2>
        {t('overview')} · <span data-testid="as-of">{day(date)}</span>
        {knownOn && (
          <small>
            {' '}
            ({t('asKnownOn')}: {day(knownOn)})
          </small>
        )}
      </h2>
      <div class="controls">
        <label>
          {t('asOf')}
          <DayInput name="date" value={date} max={vietnamToday()} onDay={setDate} />
        </label>
        <label>
          {t('asKnownOn')}
          <DayInput name="knownOn" value={knownOn} max={vietnamToday()} onDay={setKnownOn} optional />
        </label>
      </div>
      <label>
        {t('trend')}
        <select name="charted" value={charted} onChange={(e) => setCharted(e.currentTarget.value)}>
          {definitions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.no}. {inUserLanguage(d)}
            </option>
          ))}
        </select>
      </label>
      <KeptNotice at={answer.keptAt} />
      <TrendChart
        indicator={charted}
        kind={definitions.find((d) => d.id === charted)?.kind}
        date={date}
        knownOn={knownOn}
      />
      {answer.error ? (
        <p class="error">{answer.error}</p>
      ) : values === null ? (
        <p>{t('loading')}</p>
      ) : (
        <div class="scroll">
          <MissingEstimates values={values} />
          <table>
            <thead>
              <tr>
                <th>{t('indicator')}</th>
                <th>{t('wholeCommune')}</th>
                <th>{t('target')}</th>
                <th>{t('gap')}</th>
                <th>{t('target')} 2025</th>
                <th>{t('target')} 2030</th>
                {villages.map((v) => (
                  <th key={v}>
                    <button type="button" class="link" onClick={() => onVillage(v)}>
                      {nameIn(values, v)}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {definitions.map((d) => {
                const commune = cell(d.id, '*');
                return (
                  <tr key={d.id} data-indicator={d.id}>
                    <td>
                      {d.no}. {inUserLanguage(d)}
                    </td>
                    <td class={commune ? distance(commune, d.kind) : ''} data-village="*">
                      {figure(d.kind, commune?.value)}
                    </td>
                    <td data-col="target">{figure(d.kind, commune?.target)}</td>
                    <td data-col="gap">{figure(d.kind, commune?.gap)}</td>
                    <td data-col="target-2025">{figure(d.kind, d.targetsByYear['2025'])}</td>
                    <td data-col="target-2030">{figure(d.kind, d.targetsByYear['2030'])}</td>
                    {villages.map((village) => {
                      const v = cell(d.id, village);
                      return (
                        <td
                          key={village}
                          class={v?.missing ? 'missing' : v ? distance(v, d.kind) : ''}
                          data-village={village}
                          title={v?.missing ? t('noEstimate') : undefined}
                        >
                          {figure(d.kind, v?.value)}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The villages counted without a population estimate: their share is missing, the commune's counts them. */
function MissingEstimates({ values }: { values: readonly IndicatorValue[] }) {
  const missing = [...new Set(values.flatMap((v) => v.villagesWithoutEstimate ?? []))];
  if (missing.length === 0) return null;
  return (
    <p class="warning" data-testid="missing-estimates">
      {t('noEstimate')}: {missing.map((v) => nameIn(values, v)).join(', ')}
    </p>
  );
}
