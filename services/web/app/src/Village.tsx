import { useState } from 'preact/hooks';
import {
  ADOPTION_INDICATORS,
  ADOPTION_INDICATOR_CODES,
  ADOPTION_STAGES,
  ADOPTION_STAGE_LABELS,
} from '@cnscd/contracts/src/adoption';
import { DIGITAL_TOPICS, type DigitalTopic } from '@cnscd/contracts/src/topics';
import { may, nameIn, type IndicatorDefinition, type IndicatorValue } from './api';
import { vietnamToday } from './days';
import { day, figure, inUserLanguage, residentLabel, t } from './i18n';
import { TeamCard, type QuietTeam, type Team } from './Teams';
import { KeptNotice } from './KeptNotice';
import { useKeptApi } from './use-api';
import { VillagePicker } from './VillagePicker';

interface Worklist {
  readonly bornInOrBefore: number;
  readonly households: readonly {
    householdId: string | null;
    code: string | null;
    residents: readonly {
      residentKey: string;
      birthYear: number;
      sex: 'female' | 'male' | null;
      stage: string | null;
    }[];
  }[];
  readonly followUps: readonly {
    visitId: string;
    householdId: string;
    code: string | null;
    topics: readonly string[];
    dueBy: string | null;
    visitedAt: string;
  }[];
}

/**
 * Trang thôn: one village — its indicators today, its team (and whether it has gone quiet), and the
 * worklist: who, household by household, has not yet reached the stage for an indicator, and the
 * follow-ups promised and not yet made.
 */
// Long: the village page (worklist, follow-ups, households) in one component; issue 19 reworks it.
export function Village({ village, onVillage }: { village: string; onVillage: (v: string) => void }) {
  const [indicator, setIndicator] = useState<(typeof ADOPTION_INDICATOR_CODES)[number]>('vneid');
  const definitions = useKeptApi<IndicatorDefinition[]>('/api/indicators/v1/indicators').data ?? [];
  const stage = (definitions.find((d) => d.id === indicator)?.countedStage ??
    'active') as (typeof ADOPTION_STAGES)[number];
  const values = useKeptApi<{ values: IndicatorValue[] }>(`/api/indicators/v1/values?date=${vietnamToday()}`);
  const known = /^[a-z0-9][a-z0-9-]{0,39}$/.test(village);
  const worklist = useKeptApi<Worklist>(
    known ? `/api/outreach/v1/worklist?${new URLSearchParams({ village, indicator, stage })}` : null,
  );
  const teams = useKeptApi<Team[]>(may('training:read') ? '/api/training/v1/teams' : null);
  const quiet = useKeptApi<QuietTeam[]>(may('training:read') ? '/api/training/v1/teams/quiet?days=30' : null);
  const team = teams.data?.find((x) => x.villageCode === village);
  const ours = (values.data?.values ?? []).filter((v) => v.village === village);

  return (
    <section>
      <h2>
        {t('villagePage')}
        {known && ` · ${nameIn(values.data?.values ?? [], village)}`}
      </h2>
      <VillagePicker value={village} onVillage={onVillage} />
      <KeptNotice at={worklist.keptAt ?? values.keptAt} />
      {!known ? (
        <p>{t('chooseVillage')}</p>
      ) : (
        <>
          <h3>{t('indicatorsToday')}</h3>
          {values.error && <p class="error">{values.error}</p>}
          <div class="scroll">
            <table data-testid="village-values">
              <thead>
                <tr>
                  <th>{t('indicator')}</th>
                  <th>{t('value')}</th>
                  <th>{t('target')}</th>
                  <th>{t('gap')}</th>
                </tr>
              </thead>
              <tbody>
                {definitions.map((d) => {
                  const v = ours.find((x) => x.indicator === d.id);
                  return (
                    <tr key={d.id} data-indicator={d.id}>
                      <td>
                        {d.no}. {inUserLanguage(d)}
                      </td>
                      <td title={v?.missing ? t('noEstimate') : undefined}>
                        {v?.missing ? t('noEstimate') : figure(d.kind, v?.value)}
                      </td>
                      <td>{figure(d.kind, v?.target)}</td>
                      <td>{figure(d.kind, v?.gap)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <h3>{t('team')}</h3>
          {teams.error && <p class="error">{teams.error}</p>}
          {teams.data &&
            (team ? (
              <TeamCard team={team} quiet={quiet.data?.find((q) => q.teamId === team.teamId)} />
            ) : (
              <p class="error">{t('noTeamHere')}</p>
            ))}

          <h3>{t('worklist')}</h3>
          <label>
            {t('indicator')}
            <select
              name="worklist-indicator"
              value={indicator}
              onChange={(e) => setIndicator(e.currentTarget.value as typeof indicator)}
            >
              {ADOPTION_INDICATOR_CODES.map((code) => (
                <option key={code} value={code}>
                  {ADOPTION_INDICATORS[code].no}. {inUserLanguage(ADOPTION_INDICATORS[code])}
                </option>
              ))}
            </select>
          </label>
          {worklist.error && <p class="error">{worklist.error}</p>}
          {worklist.data && (
            <div data-testid="worklist">
              <p class="hint">
                {t('stillToReach')} «{inUserLanguage(ADOPTION_STAGE_LABELS[stage])}» · {t('bornIn')}{' '}
                {worklist.data.bornInOrBefore} {t('orBefore')}
              </p>
              {worklist.data.households.length === 0 && <p>{t('nobodyLeft')}</p>}
              <ul>
                {worklist.data.households.map((h) => (
                  <li key={h.householdId ?? 'none'} data-household={h.code ?? ''}>
                    <strong>{h.code ?? t('noHousehold')}</strong>:{' '}
                    {h.residents
                      .map(
                        (r) =>
                          `${residentLabel(r)} (${
                            r.stage
                              ? inUserLanguage(
                                  ADOPTION_STAGE_LABELS[r.stage as (typeof ADOPTION_STAGES)[number]],
                                )
                              : t('notYet')
                          })`,
                      )
                      .join('; ')}
                  </li>
                ))}
              </ul>
              <h4>{t('followUps')}</h4>
              {worklist.data.followUps.length === 0 && <p>{t('noFollowUps')}</p>}
              <ul data-testid="follow-ups">
                {worklist.data.followUps.map((f) => (
                  <li key={f.visitId} class={f.dueBy && f.dueBy < vietnamToday() ? 'overdue' : ''}>
                    <strong>{f.code ?? f.householdId.slice(0, 8)}</strong>:{' '}
                    {f.topics
                      .map((x) => inUserLanguage(DIGITAL_TOPICS[x as DigitalTopic] ?? { vi: x, en: x }))
                      .join(', ')}
                    {f.dueBy && ` — ${t('dueBy')} ${day(f.dueBy)}`}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
