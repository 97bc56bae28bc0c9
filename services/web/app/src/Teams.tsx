import type { MEMBER_AFFILIATIONS } from '@cnscd/contracts/src/training/training-events';
import { day, t } from './i18n';
import { useApi } from './use-api';

export interface Team {
  readonly teamId: string;
  readonly villageCode: string;
  readonly villageName: string;
  readonly leader: { readonly memberId: string; readonly displayName: string } | null;
  readonly members: readonly {
    readonly memberId: string;
    readonly displayName: string;
    readonly affiliation: (typeof MEMBER_AFFILIATIONS)[number];
    readonly joinedOn: string;
    readonly leftOn: string | null;
  }[];
  readonly zalo: {
    readonly canonical: string;
    readonly actual: string | null;
    readonly conforms: boolean | null;
  };
}
export interface QuietTeam {
  readonly teamId: string;
  readonly reasons: readonly ('no-recent-work' | 'no-leader' | 'too-few-members')[];
}

/** One village team: its roster (leader first), its Zalo group name against the rule, and why it is quiet if it is. */
export function TeamCard({ team, quiet }: { team: Team; quiet: QuietTeam | undefined }) {
  const current = team.members
    .filter((m) => m.leftOn === null)
    .sort(
      (a, b) => Number(b.memberId === team.leader?.memberId) - Number(a.memberId === team.leader?.memberId),
    );
  const former = team.members.filter((m) => m.leftOn !== null);
  const reasons = quiet?.reasons ?? [];
  return (
    <article class="team" data-village={team.villageCode}>
      <h3>{team.villageName}</h3>
      <p>
        {t('leader')}: {team.leader?.displayName ?? '—'} · {t('members')}: {current.length}
      </p>
      <p class={team.zalo.conforms === false ? 'error' : ''} data-testid="zalo">
        Zalo: {team.zalo.actual ?? '—'}{' '}
        {team.zalo.conforms === false && `(${t('zaloShouldBe')} ${team.zalo.canonical})`}
      </p>
      {reasons.length > 0 && (
        <p class="error" data-testid="quiet">
          {t('quiet')}: {reasons.map((r) => t(`quiet_${r}`)).join(', ')}
        </p>
      )}
      {current.length > 0 && (
        <ol data-testid="roster">
          {current.map((m) => (
            <li key={m.memberId}>
              {m.displayName}
              {m.memberId === team.leader?.memberId && ` (${t('leader').toLowerCase()})`} —{' '}
              {t(`affiliation_${m.affiliation}`)}, {t('since')} {day(m.joinedOn)}
            </li>
          ))}
        </ol>
      )}
      {former.length > 0 && (
        <details>
          <summary>
            {t('formerMembers')}: {former.length}
          </summary>
          <ul>
            {former.map((m) => (
              <li key={m.memberId}>
                {m.displayName} — {t('leftOn')} {day(m.leftOn ?? '')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

/** Tổ CNSCĐ: every village team's roster, whether its Zalo group name follows the rule, and whether it has gone quiet. */
export function Teams() {
  const { data: teams, error } = useApi<Team[]>('/api/training/v1/teams');
  const quiet = useApi<QuietTeam[]>('/api/training/v1/teams/quiet?days=30').data ?? [];
  if (error) return <p class="error">{error}</p>;
  if (teams === null) return <p>{t('loading')}</p>;
  return (
    <section>
      <h2>{t('teams')}</h2>
      {teams.length === 0 && <p>{t('noTeams')}</p>}
      {teams.map((team) => (
        <TeamCard key={team.teamId} team={team} quiet={quiet.find((q) => q.teamId === team.teamId)} />
      ))}
    </section>
  );
}
