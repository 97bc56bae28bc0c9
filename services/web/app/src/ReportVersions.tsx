import { download } from './api';
import { vietnamDayOf } from './days';
import { day, t } from './i18n';

export interface ReportReview {
  readonly decision: 'returned' | 'accepted';
  readonly comment: string | null;
  readonly at: string;
}
export interface ReportVersion {
  readonly version: number;
  readonly reportDate: string;
  readonly submittedAt: string;
  readonly review: ReportReview | null;
}

/** The province's comment on the latest version: what to correct (returned), or a note on acceptance. */
export function ProvinceComment({ review }: { review: ReportReview | null }) {
  if (!review?.comment) return null;
  return (
    <p class={review.decision === 'returned' ? 'warning' : ''} data-testid="province-comment">
      <strong>{t('provinceComment')}:</strong> {review.comment}
    </p>
  );
}

/**
 * Các bản đã nộp: every version the commune filed for the quarter, each with the province's decision,
 * each downloadable exactly as filed (`pdfPath` + `?version=N`).
 */
export function ReportVersions({
  versions,
  pdfPath,
  name,
}: {
  versions: readonly ReportVersion[];
  pdfPath: string;
  name: string;
}) {
  if (versions.length === 0) return null;
  return (
    <div data-testid="versions">
      <h4>{t('versionsFiled')}</h4>
      <ul>
        {versions.map((v) => (
          <li key={v.version}>
            {t('versionN', { n: v.version })} — {t('filedOn')} {day(vietnamDayOf(v.submittedAt))}
            {v.review && ` · ${t(`status_${v.review.decision}`)}`}
            {v.review?.comment && `: “${v.review.comment}”`}{' '}
            <button
              type="button"
              class="link"
              onClick={() => void download(`${pdfPath}?version=${v.version}`, `${name}-v${v.version}.pdf`)}
            >
              PDF
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
