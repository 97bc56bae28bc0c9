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

/** Every version a commune filed for a quarter, oldest first, each with the province's decision on it. */
export async function reportHistory(
  db: Kysely<FactsDatabase>,
  commune: string,
  reportId: string,
): Promise<ReportHistory> {
  const [submissions, reviews] = await Promise.all([
    db
      .selectFrom('f_report_submission')
      .selectAll()
      .where('commune', '=', commune)
      .where('report_id', '=', reportId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('f_report_review')
      .select(['version', 'decision', 'comment', 'recorded_at'])
      .where('commune', '=', commune)
      .where('report_id', '=', reportId)
      .orderBy('seq')
      .execute(),
  ]);
  const reviewOf = new Map(
    reviews.map((r) => [
      r.version,
      { decision: r.decision as ReportReview['decision'], comment: r.comment, at: instant(r.recorded_at) },
    ]),
  );
  const versions = submissions.map((s, i) => ({
    version: i + 1,
    reportDate: day(s.report_date),
    submittedAt: instant(s.known_at),
    review: reviewOf.get(i + 1) ?? null,
  }));
  const latest = versions.at(-1);
  return {
    versions,
    submissions,
    filedStatus: latest ? (latest.review?.decision ?? 'submitted') : null,
  };
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
  const [names, known, submissions, reviews] = await Promise.all([
    db.selectFrom('f_commune_names').select(['commune', 'name']).execute(),
    // A commune the deployment knows: it registered its villages or estimated its population.
    db
      .selectFrom('f_village')
      .select('commune')
      .union(db.selectFrom('f_denominator').select('commune'))
      .execute(),
    db
      .selectFrom('f_report_submission')
      .select(['commune', 'report_date', 'known_at', 'document_number'])
      .where('report_id', '=', reportId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('f_report_review')
      .select(['commune', 'version', 'decision', 'comment'])
      .where('report_id', '=', reportId)
      .orderBy('seq')
      .execute(),
  ]);
  const filed = new Map<string, { count: number; last: (typeof submissions)[number] }>();
  for (const s of submissions)
    filed.set(s.commune, { count: (filed.get(s.commune)?.count ?? 0) + 1, last: s });
  const lastReview = new Map(reviews.map((r) => [`${r.commune}#${r.version}`, r]));
  const nameOf = new Map(names.map((n) => [n.commune, n.name]));
  const communes = [...new Set([...nameOf.keys(), ...known.map((k) => k.commune), ...filed.keys()])].sort();
  return {
    items: communes.map((commune) => {
      const f = filed.get(commune);
      const review = f ? lastReview.get(`${commune}#${f.count}`) : undefined;
      const status: ReportStatus = !f
        ? lateFrom
          ? 'late'
          : 'draft'
        : ((review?.decision as ReportStatus | undefined) ?? 'submitted');
      return {
        commune,
        communeName: nameOf.get(commune) ?? null,
        reportId,
        status,
        version: f?.count ?? null,
        reportDate: f ? day(f.last.report_date) : null,
        submittedAt: f ? instant(f.last.known_at) : null,
        documentNumber: f?.last.document_number ?? null,
        comment: review?.comment ?? null,
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
  const filed = await db
    .selectFrom('f_report_submission')
    .select('report_id')
    .distinct()
    .where('commune', '=', commune)
    .orderBy('report_id', 'desc')
    .execute();
  const histories = await Promise.all(filed.map((r) => reportHistory(db, commune, r.report_id)));
  return {
    items: histories.map((h, i) => {
      const latest = h.versions.at(-1)!;
      return {
        reportId: filed[i]!.report_id,
        reportDate: latest.reportDate,
        submittedAt: latest.submittedAt,
        version: latest.version,
        status: h.filedStatus!,
        comment: latest.review?.comment ?? null,
      };
    }),
  };
}
