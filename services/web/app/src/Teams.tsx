import { t } from './i18n';
import { useApi } from './use-api';

interface Team {
  readonly teamId: string;
  readonly villageCode: string;
  readonly villageName: string;
  readonly leader: { readonly displayName: string } | null;
  readonly members: readonly {
    readonly memberId: string;
    readonly displayName: string;
    readonly leftOn: string | null;
  }[];
  readonly zalo: {
    readonly canonical: string;
    readonly actual: string | null;
    readonly conforms: boolean | null;
  };
}
interface QuietTeam {
  readonly teamId: string;
  readonly reasons: readonly ('no-recent-work' | 'no-leader' | 'too-few-members')[];
}

/** Tổ CNSCĐ: each village team's roster, whether its Zalo group name follows the rule, and whether it has gone quiet. */
export function Teams() {
  const { data: teams, error } = useApi<Team[]>('/api/training/v1/teams');
  const quietTeams = useApi<QuietTeam[]>('/api/training/v1/teams/quiet?days=30').data ?? [];
  const quiet = new Map(quietTeams.map((x) => [x.teamId, x]));
  if (error) return <p class="error">{error}</p>;
  if (teams === null) return <p>{t('loading')}</p>;
  return (
    <section>
      <h2>{t('teams')}</h2>
      {teams.length === 0 && <p>{t('noTeams')}</p>}
      {teams.map((team) => {
        const current = team.members.filter((m) => m.leftOn === null);
        const reasons = quiet.get(team.teamId)?.reasons ?? [];
        return (
          <article key={team.teamId} class="team" data-village={team.villageCode}>
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
          </article>
        );
      })}
    </section>
  );
}
