import { useState } from 'preact/hooks';
import { download, may, send } from './api';
import { recentQuarters, vietnamDayOf } from './days';
import { day, t } from './i18n';
import { QuarterSelect } from './QuarterSelect';
import { problemText, useApi } from './use-api';

type Status = 'draft' | 'late' | 'submitted' | 'returned' | 'accepted';
interface Item {
  readonly commune: string;
  readonly communeName: string | null;
  readonly reportId: string;
  readonly status: Status;
  readonly version: number | null;
  readonly submittedAt: string | null;
  readonly documentNumber: string | null;
  readonly comment: string | null;
}

/**
 * Báo cáo các xã: the province's Department of Science and Technology — every commune's report for a
 * quarter, where it is, its latest version as a PDF; the version waiting for the department is returned
 * with what to correct, or accepted (which locks it).
 */
export function ProvinceReports() {
  const quarters = recentQuarters();
  const [quarter, setQuarter] = useState(quarters[0] ?? '');
  const list = useApi<{ items: Item[] }>(`/api/indicators/v1/province/reports?quarter=${quarter}`);
  return (
    <section>
      <h2>{t('provinceReports')}</h2>
      <QuarterSelect value={quarter} quarters={quarters} onQuarter={setQuarter} />
      {list.error && <p class="error">{list.error}</p>}
      {list.data?.items.length === 0 && <p>{t('noCommunes')}</p>}
      <ul class="province-reports" data-testid="province-reports">
        {list.data?.items.map((r) => (
          <CommuneReport key={`${r.commune}-${quarter}`} item={r} onDecided={list.reload} />
        ))}
      </ul>
    </section>
  );
}

/** One commune's line: status, latest version, its PDF, and the department's decision on it. */
function CommuneReport({ item, onDecided }: { item: Item; onDecided: () => void }) {
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const path = `/api/indicators/v1/province/reports/${item.commune}/${item.reportId}`;
  const decide = async (kind: 'returns' | 'acceptances') => {
    if (kind === 'acceptances' && !window.confirm(t('acceptConfirm'))) return;
    try {
      await send(`/api/indicators/v1/province/reports/${kind}`, {
        commandId: crypto.randomUUID(),
        occurredAt: new Date().toISOString(),
        commune: item.commune,
        reportId: item.reportId,
        version: item.version,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setMessage(t('decisionSaved'));
      onDecided();
    } catch (err) {
      setMessage(problemText(err));
    }
  };
  return (
    <li data-commune={item.commune}>
      <strong>{item.communeName ? `${t('communeName')} ${item.communeName}` : item.commune}</strong> —{' '}
      <span data-testid="province-status">{t(`status_${item.status}`)}</span>
      {item.version !== null && (
        <>
          {' '}
          · {t('versionN', { n: item.version })}
          {item.submittedAt && `, ${t('filedOn')} ${day(vietnamDayOf(item.submittedAt))}`}{' '}
          <button
            type="button"
            class="link"
            onClick={() => void download(`${path}.pdf`, `bao-cao-${item.commune}-${item.reportId}.pdf`)}
          >
            PDF
          </button>
        </>
      )}
      {item.comment && <p class="warning">{item.comment}</p>}
      {item.status === 'submitted' && may('indicators:review') && (
        <DecisionForm comment={comment} setComment={setComment} decide={(kind) => void decide(kind)} />
      )}
      {message && <p role="status">{message}</p>}
    </li>
  );
}

/** The department's decision on the version waiting for it: return with what to correct, or accept. */
function DecisionForm(props: {
  comment: string;
  setComment: (comment: string) => void;
  decide: (kind: 'returns' | 'acceptances') => void;
}) {
  const { comment, setComment, decide } = props;
  return (
    <form class="decision" onSubmit={(e) => (e.preventDefault(), decide('returns'))}>
      <label>
        {t('returnComment')}
        <textarea
          name="comment"
          rows={2}
          maxLength={2000}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={comment.trim().length < 3}>
        {t('returnReport')}
      </button>
      <button type="button" class="primary" onClick={() => decide('acceptances')}>
        {t('acceptReport')}
      </button>
    </form>
  );
}
