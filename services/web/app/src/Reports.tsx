import { useState } from 'preact/hooks';
import { download } from './api';
import { day, t } from './i18n';
import { useApi } from './use-api';

interface Report {
  readonly reportId: string;
  readonly status: 'draft' | 'submitted' | 'late';
  readonly reportDate: string;
  readonly quarter: { readonly deadline: string };
  readonly rows: readonly unknown[];
}

/** The quarter a day falls in, and the ones before it (`2026-Q4`, `2026-Q3`, …). */
const quarters = (from: Date, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const q = from.getUTCFullYear() * 4 + Math.floor(from.getUTCMonth() / 3) - i;
    return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
  });
const daysUntil = (isoDay: string) =>
  Math.ceil((Date.parse(`${isoDay}T00:00:00+07:00`) - Date.now()) / 86_400_000);

/** Báo cáo: the quarter's report to the province — status, deadline, the XLSX as filed. */
export function Reports() {
  const options = quarters(new Date(), 6);
  const [reportId, setReportId] = useState(options[0] ?? '');
  const { data: report, error } = useApi<Report>(`/api/indicators/v1/reports/${reportId}`);

  const left = report ? daysUntil(report.quarter.deadline) : 0;
  return (
    <section>
      <h2>{t('reports')}</h2>
      <label>
        {t('quarter')}
        <select name="quarter" value={reportId} onChange={(e) => setReportId(e.currentTarget.value)}>
          {options.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </label>
      {error && <p class="error">{error}</p>}
      {report && (
        <div class="report" data-testid="report">
          <p>
            {t('status')}: <strong data-testid="report-status">{t(`status_${report.status}`)}</strong>
          </p>
          <p>
            {t('deadline')}: {day(report.quarter.deadline)}
            {report.status === 'draft' && left > 0 && ` (${t('daysLeft')}: ${left})`}
          </p>
          <button
            class="primary"
            type="button"
            onClick={() =>
              void download(`/api/indicators/v1/reports/${reportId}.xlsx`, `bao-cao-${reportId}.xlsx`)
            }
          >
            {t('downloadXlsx')}
          </button>
        </div>
      )}
    </section>
  );
}
