// Long: the quarterly report screen and its office notes; issue 19 reworks the report (document,
// targets, the province's side) and splits it then, rather than twice.
import { useState } from 'preact/hooks';
import { download, loadSession, may, send, type IndicatorDefinition } from './api';
import { recentQuarters, vietnamDayOf } from './days';
import { day, figure, inUserLanguage, quarterLabel, t } from './i18n';
import { ProvinceComment, ReportVersions, type ReportReview, type ReportVersion } from './ReportVersions';
import { SubmitReport } from './SubmitReport';
import { QuarterSelect } from './QuarterSelect';
import { problemText, useApi } from './use-api';

interface ReportRow {
  readonly indicator: string;
  readonly village: string;
  readonly villageName: string | null;
  readonly villagesWithoutEstimate?: readonly string[];
  readonly value: number | null;
  readonly change: number | null;
  readonly target: number;
  readonly gap: number | null;
}
type Status = 'draft' | 'late' | 'submitted' | 'returned' | 'accepted';
/** Where the commune may still write: nothing filed yet, or the province returned it. */
const OPEN: readonly Status[] = ['draft', 'late', 'returned'];
interface Report {
  readonly reportId: string;
  readonly status: Status;
  readonly version: number | null;
  readonly versions: readonly ReportVersion[];
  readonly review: ReportReview | null;
  readonly reportDate: string;
  readonly knownAt: string;
  readonly quarter: { readonly deadline: string };
  readonly rows: readonly ReportRow[];
  readonly notes: readonly {
    office: 'culture-society-office' | 'economic-office';
    difficulties: string;
    proposals: string;
  }[];
}
interface Submitted {
  readonly items: readonly {
    reportId: string;
    reportDate: string;
    submittedAt: string;
    version: number;
    status: Status;
  }[];
}

const daysUntil = (isoDay: string) =>
  Math.ceil((Date.parse(`${isoDay}T00:00:00+07:00`) - Date.now()) / 86_400_000);

/**
 * Báo cáo: the quarter's report to the province — a preview of the commune's figures, the deadline
 * countdown, submitting it (which freezes it), the XLSX, and the reports filed before, exactly as filed.
 */
// Long: the report screen; issue 19 reworks the report and splits it then.
export function Reports() {
  const recent = recentQuarters(6);
  const [reportId, setReportId] = useState(recent[0] ?? '');
  const answer = useApi<Report>(`/api/indicators/v1/reports/${reportId}`);
  const filed = useApi<Submitted>('/api/indicators/v1/reports');
  const options = [...new Set([...recent, ...(filed.data?.items ?? []).map((r) => r.reportId)])]
    .sort()
    .reverse();
  const definitions = useApi<IndicatorDefinition[]>('/api/indicators/v1/indicators').data ?? [];
  const report = answer.data;

  const left = report ? daysUntil(report.quarter.deadline) : 0;
  return (
    <section>
      <h2>{t('reports')}</h2>
      <QuarterSelect value={reportId} quarters={options} onQuarter={setReportId} />
      {answer.error && <p class="error">{answer.error}</p>}
      {report && (
        <div class="report" data-testid="report">
          <p>
            {t('status')}: <strong data-testid="report-status">{t(`status_${report.status}`)}</strong>
            {report.version !== null && ` · ${t('filedOn')} ${day(vietnamDayOf(report.knownAt))}`}
          </p>
          <ProvinceComment review={report.review} />
          <p>
            {t('deadline')}: {day(report.quarter.deadline)}
            {report.status === 'draft' && left > 0 && ` (${t('daysLeft', { n: left })})`}
          </p>
          <MissingEstimates rows={report.rows} />
          <table data-testid="report-preview">
            <caption>
              {t('wholeCommune')}, {t('reportDate')} {day(report.reportDate)}
            </caption>
            <thead>
              <tr>
                <th>{t('indicator')}</th>
                <th>{t('value')}</th>
                <th>{t('changeInQuarter')}</th>
                <th>{t('target')}</th>
                <th>{t('gap')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows
                .filter((r) => r.village === '*')
                .map((r) => {
                  const d = definitions.find((x) => x.id === r.indicator);
                  return (
                    <tr key={r.indicator} data-indicator={r.indicator}>
                      <td>{d ? `${d.no}. ${inUserLanguage(d)}` : r.indicator}</td>
                      <td>{figure(d?.kind, r.value)}</td>
                      <td>
                        {r.change === null ? '—' : `${r.change >= 0 ? '+' : ''}${figure(d?.kind, r.change)}`}
                      </td>
                      <td>{figure(d?.kind, r.target)}</td>
                      <td>{figure(d?.kind, r.gap)}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          <div class="controls">
            <button
              class="primary"
              type="button"
              onClick={() =>
                void download(`/api/indicators/v1/reports/${reportId}.xlsx`, `bao-cao-${reportId}.xlsx`)
              }
            >
              {t('downloadXlsx')}
            </button>
            <button
              type="button"
              onClick={() =>
                void download(`/api/indicators/v1/reports/${reportId}.pdf`, `bao-cao-${reportId}.pdf`)
              }
            >
              {t('downloadPdf')}
            </button>
          </div>
          {OPEN.includes(report.status) && may('indicators:reports') && (
            <SubmitReport
              reportId={reportId}
              onSubmitted={() => {
                answer.reload();
                filed.reload();
              }}
            />
          )}
          <OfficeNotes key={report.reportId} report={report} onSaved={answer.reload} />
          <ReportVersions
            versions={report.versions}
            pdfPath={`/api/indicators/v1/reports/${reportId}.pdf`}
            name={`bao-cao-${reportId}`}
          />
        </div>
      )}
      <h3>{t('filedReports')}</h3>
      {filed.data?.items.length === 0 && <p>{t('noneFiled')}</p>}
      <ul data-testid="filed">
        {filed.data?.items.map((r) => (
          <li key={r.reportId}>
            <button type="button" class="link" onClick={() => setReportId(r.reportId)}>
              {quarterLabel(r.reportId)}
            </button>{' '}
            — {t('versionN', { n: r.version })}, {t('reportDate')} {day(r.reportDate)}, {t('filedOn')}{' '}
            {day(vietnamDayOf(r.submittedAt))} ·{' '}
            <span data-testid="filed-status">{t(`status_${r.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The offices that write their own part of the report: difficulties, and proposals to the province. */
const NOTE_OFFICES = ['culture-society-office', 'economic-office'];
/** The two parts each office writes. */
const NOTE_PARTS = ['difficulties', 'proposals'] as const;

/**
 * Khó khăn, đề xuất: each office's notes as the report carries them, and — for an office that may
 * write them, while the report is not yet submitted — its own part, saved as a draft.
 */
// Long: the office notes form; issue 19 reworks the report and splits it then.
function OfficeNotes({ report, onSaved }: { report: Report; onSaved: () => void }) {
  const office = loadSession()?.user.organisationKind ?? '';
  const own = report.notes.find((n) => n.office === office);
  const [text, setText] = useState({
    difficulties: own?.difficulties ?? '',
    proposals: own?.proposals ?? '',
  });
  const [message, setMessage] = useState<string | null>(null);
  const canWrite = OPEN.includes(report.status) && may('indicators:reports') && NOTE_OFFICES.includes(office);

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await send('/api/indicators/v1/reports/notes', {
        commandId: crypto.randomUUID(),
        occurredAt: new Date().toISOString(),
        reportId: report.reportId,
        office,
        difficulties: text.difficulties.trim(),
        proposals: text.proposals.trim(),
      });
      setMessage(t('notesSaved'));
      onSaved();
    } catch (err) {
      setMessage(problemText(err));
    }
  };

  return (
    <div data-testid="notes">
      <h3>{t('officeNotes')}</h3>
      {report.notes.length === 0 && <p>{t('noNotes')}</p>}
      {report.notes.map((n) => (
        <article key={n.office} class="team">
          <h4>{t(`office_${n.office}`)}</h4>
          {NOTE_PARTS.map((part) => (
            <p key={part}>
              <strong>{t(part)}:</strong> {n[part] || '—'}
            </p>
          ))}
        </article>
      ))}
      {canWrite && (
        <form class="notes" onSubmit={save}>
          {NOTE_PARTS.map((part) => (
            <label key={part}>
              {t(part)}
              <textarea
                name={part}
                rows={3}
                maxLength={4000}
                value={text[part]}
                onInput={(e) => setText({ ...text, [part]: e.currentTarget.value })}
              />
            </label>
          ))}
          <button type="submit">{t('saveNotes')}</button>
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </div>
  );
}

/** The villages the report counts without a population estimate, by name: the office should get one. */
function MissingEstimates({ rows }: { rows: readonly ReportRow[] }) {
  const missing = [...new Set(rows.flatMap((r) => r.villagesWithoutEstimate ?? []))];
  if (missing.length === 0) return null;
  const name = (code: string) => rows.find((r) => r.village === code)?.villageName ?? code;
  return (
    <p class="warning" data-testid="missing-estimates">
      {t('noEstimate')}: {missing.map(name).join(', ')}
    </p>
  );
}
