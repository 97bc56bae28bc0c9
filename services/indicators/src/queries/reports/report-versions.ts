import type { Kysely } from 'kysely';
import { NotFoundError } from '@cnscd/service-kit';
import type { FactsDatabase } from '../../infrastructure/read-model';

type Submission = FactsDatabase['f_report_submission'];

/** The province's decision on one filed version. */
export interface ReportReview {
  readonly decision: 'returned' | 'accepted';
  readonly comment: string | null;
  readonly at: string;
}

/** One version of the report as the commune filed it; the earlier ones stay as filed. */
export interface ReportVersion {
  readonly version: number;
  readonly reportDate: string;
  readonly submittedAt: string;
  readonly review: ReportReview | null;
}

/**
 * Where the report is: `draft`/`late` (nothing filed), `submitted` (the latest version waits for the
 * province), `returned` (the province sent it back; the commune corrects and files again), `accepted`
 * (locked).
 */
export type ReportStatus = 'draft' | 'late' | 'submitted' | 'returned' | 'accepted';

export interface ReportHistory {
  readonly versions: readonly ReportVersion[];
  /** Each version's submission row, by version number (1-based). */
  readonly submissions: readonly Submission[];
  /** Where the report is once its versions and reviews are read; `late` is decided by the caller. */
  readonly filedStatus: Exclude<ReportStatus, 'draft' | 'late'> | null;
}

const day = (d: unknown) => String(d).slice(0, 10);
const instant = (t: unknown) => new Date(t as string).toISOString();

/**
 * The reports filed under `where` (one commune, one quarter, or both), each with every version oldest
 * first and the province's decision on each: two queries whatever the number of reports, grouped by
 * `keyOf` (the quarter for one commune's list, the commune for one quarter's).
 */
async function reportHistories(
  db: Kysely<FactsDatabase>,
  where: { commune?: string; reportId?: string },
  keyOf: (row: { commune: string; report_id: string }) => string,
): Promise<Map<string, ReportHistory>> {
  const [submissions, reviews] = await Promise.all([
    db
      .selectFrom('f_report_submission')
      .selectAll()
      .$if(!!where.commune, (q) => q.where('commune', '=', where.commune!))
      .$if(!!where.reportId, (q) => q.where('report_id', '=', where.reportId!))
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('f_report_review')
      .select(['commune', 'report_id', 'version', 'decision', 'comment', 'recorded_at'])
      .$if(!!where.commune, (q) => q.where('commune', '=', where.commune!))
      .$if(!!where.reportId, (q) => q.where('report_id', '=', where.reportId!))
      .orderBy('seq')
      .execute(),
  ]);
  const reviewOf = new Map(
    reviews.map((r) => [
      `${keyOf(r)}#${r.version}`,
      { decision: r.decision as ReportReview['decision'], comment: r.comment, at: instant(r.recorded_at) },
    ]),
  );
  const filed = new Map<string, Submission[]>();
  for (const s of submissions) (filed.get(keyOf(s)) ?? filed.set(keyOf(s), []).get(keyOf(s))!).push(s);
  return new Map(
    [...filed].map(([key, rows]) => {
      const versions = rows.map((s, i) => ({
        version: i + 1,
        reportDate: day(s.report_date),
        submittedAt: instant(s.known_at),
        review: reviewOf.get(`${key}#${i + 1}`) ?? null,
      }));
      const latest = versions.at(-1)!;
      return [key, { versions, submissions: rows, filedStatus: latest.review?.decision ?? 'submitted' }];
    }),
  );
}

const NOTHING_FILED: ReportHistory = { versions: [], submissions: [], filedStatus: null };

/** Every version a commune filed for a quarter, oldest first, each with the province's decision on it. */
export async function reportHistory(
  db: Kysely<FactsDatabase>,
  commune: string,
  reportId: string,
): Promise<ReportHistory> {
  const found = await reportHistories(db, { commune, reportId }, (r) => r.report_id);
  return found.get(reportId) ?? NOTHING_FILED;
}

/**
 * Every commune's report for a quarter, as the province's department sees it: the communes the
 * deployment knows (by name, villages, population estimates or a report filed), each with its latest
 * version and the decision on it.
 */
export async function provinceReports(
  db: Kysely<FactsDatabase>,
  reportId: string,
  lateFrom: boolean,
): Promise<{ items: ProvinceReportItem[] }> {
  const [names, known, filed] = await Promise.all([
    db.selectFrom('f_commune_names').select(['commune', 'name']).execute(),
    // A commune the deployment knows: it registered its villages or estimated its population.
    db
      .selectFrom('f_village')
      .select('commune')
      .union(db.selectFrom('f_denominator').select('commune'))
      .execute(),
    reportHistories(db, { reportId }, (r) => r.commune),
  ]);
  const nameOf = new Map(names.map((n) => [n.commune, n.name]));
  const communes = [...new Set([...nameOf.keys(), ...known.map((k) => k.commune), ...filed.keys()])].sort();
  return {
    items: communes.map((commune) => {
      const h = filed.get(commune);
      const latest = h?.versions.at(-1);
      return {
        commune,
        communeName: nameOf.get(commune) ?? null,
        reportId,
        status: h?.filedStatus ?? (lateFrom ? 'late' : 'draft'),
        version: latest?.version ?? null,
        reportDate: latest?.reportDate ?? null,
        submittedAt: latest?.submittedAt ?? null,
        documentNumber: h?.submissions.at(-1)?.document_number ?? null,
        comment: latest?.review?.comment ?? null,
      };
    }),
  };
}

export interface ProvinceReportItem {
  readonly commune: string;
  readonly communeName: string | null;
  readonly reportId: string;
  readonly status: ReportStatus;
  /** The latest version filed; null when none is. */
  readonly version: number | null;
  readonly reportDate: string | null;
  readonly submittedAt: string | null;
  readonly documentNumber: string | null;
  /** The province's comment on the latest version, if it decided on it. */
  readonly comment: string | null;
}

/**
 * The submission a report shows: the version asked for (`latest-filed`: what the province reads), or
 * else the latest unless the province returned it (then the commune's corrected draft, as known now).
 */
export function shownSubmission(history: ReportHistory, reportId: string, version?: number | 'latest-filed') {
  if (version === 'latest-filed') {
    const latest = history.submissions.at(-1);
    if (!latest) throw new NotFoundError(`a filed version of report ${reportId}`);
    return latest;
  }
  if (version !== undefined) {
    const asked = history.submissions[version - 1];
    if (!asked) throw new NotFoundError(`version ${version} of report ${reportId}`);
    return asked;
  }
  return history.filedStatus === 'returned' ? undefined : history.submissions.at(-1);
}

/**
 * The reports a commune filed so far, newest quarter first, each with its latest version and where it
 * is (waiting for the province, returned with a comment, accepted); each version opens as filed.
 */
export async function submittedReports(db: Kysely<FactsDatabase>, commune: string) {
  const filed = await reportHistories(db, { commune }, (r) => r.report_id);
  return {
    items: [...filed]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([reportId, h]) => {
        const latest = h.versions.at(-1)!;
        return {
          reportId,
          reportDate: latest.reportDate,
          submittedAt: latest.submittedAt,
          version: latest.version,
          status: h.filedStatus!,
          comment: latest.review?.comment ?? null,
        };
      }),
  };
}
