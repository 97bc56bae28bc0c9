import type { Kysely } from 'kysely';
import { INDICATORS, noWork, villageNameOn, type WorkFigures } from '@cnscd/contracts';
import { NotFoundError } from '@cnscd/service-kit';
import { addDays, vietnamDay } from '../engine/days';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { rowsOn, villagesOn } from '../values/indicator-values';
import { loadCommune, type LoadedCommune } from '../values/load-commune';
import type { LoadedFacts } from '../values/load-facts';
import { quarterOf, reportDateOf, type Quarter } from './quarters';
import { rosterOn, type VillageRoster } from './report-roster';
import { documentOf, type ReportDocument } from './report-document';
import { targetFor } from '../values/indicator-values';
import {
  reportHistory,
  shownSubmission,
  type ReportReview,
  type ReportStatus,
  type ReportVersion,
} from './report-versions';

export interface ReportRow {
  readonly indicator: string;
  readonly no: string;
  readonly name: string;
  readonly village: string;
  /** Its name on the report date (null for the commune, `*`). */
  readonly villageName: string | null;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  /** The value the day before the quarter started. */
  readonly valueAtStart: number | null;
  readonly change: number | null;
  readonly target: number;
  readonly gap: number | null;
  /** The plan's (or the commune's own) targets for 2025 and 2030. */
  readonly targets: { readonly 2025: number; readonly 2030: number };
  /** Whether the value on the report date reaches each target; null without a value or a target (0). */
  readonly met: { readonly 2025: boolean | null; readonly 2030: boolean | null };
  /** `estimate`: the village has no population estimate on the report date. */
  readonly missing: 'estimate' | null;
  /** On the commune's row: the villages it counts without a population estimate. */
  readonly villagesWithoutEstimate?: readonly string[];
}

export interface QuarterlyReport {
  readonly reportId: string;
  readonly commune: string;
  readonly communeName: string | null;
  readonly quarter: Quarter;
  readonly status: ReportStatus;
  /** The filed version shown (its figures exactly as filed); null for a draft or a returned report. */
  readonly version: number | null;
  /** Every version filed so far, oldest first, each with the province's decision on it. */
  readonly versions: readonly ReportVersion[];
  /** The province's decision on the latest version (its comment when returned). */
  readonly review: ReportReview | null;
  /** The day its figures speak for: the submission day, at the latest the quarter's cut-off (the 19th). */
  readonly reportDate: string;
  /** What the document carries besides its figures (Decree 30/2020/NĐ-CP); blanks on a draft. */
  readonly document: ReportDocument;
  /** What the figures know: everything recorded up to this instant. */
  readonly knownAt: string;
  readonly rows: readonly ReportRow[];
  /** Per village: the quarter's work (to the report date) and its teams and members on the report date. */
  readonly work: readonly ({ village: string; villageName: string | null } & WorkFigures & VillageRoster)[];
  readonly notes: readonly { office: string; difficulties: string; proposals: string }[];
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
const metBy = (value: number | null, target: number) =>
  value === null || target <= 0 ? null : value >= target - 1e-9;

/**
 * The quarter's report to the provincial Department of Science and Technology. A submitted report is
 * built from what was known at submission, so it shows exactly what was filed; a draft from what is
 * known now, dated today (or the quarter's end).
 */
export async function buildQuarterlyReport(
  db: Kysely<FactsDatabase>,
  commune: string,
  reportId: string,
  now: Date,
  version?: number | 'latest-filed',
): Promise<QuarterlyReport> {
  const quarter = quarterOf(reportId);
  const history = await reportHistory(db, commune, reportId);
  const today = vietnamDay(now);
  const submission = shownSubmission(history, reportId, version);
  const knownAt = submission ? new Date(submission.known_at).toISOString() : now.toISOString();
  if (!submission && quarter.start > today)
    throw new NotFoundError(`quarter ${reportId} (it has not started)`);
  const reportDate = submission ? String(submission.report_date).slice(0, 10) : reportDateOf(quarter, today);
  const status = history.filedStatus ?? (today >= quarter.deadline ? 'late' : 'draft');
  const shown = submission ? history.submissions.indexOf(submission) + 1 : null;
  const latest = history.versions.at(-1);

  const before = addDays(quarter.start, -1);
  const range = { from: before < reportDate ? before : reportDate, to: reportDate };
  const loaded = await loadCommune(db, commune, range, knownAt);
  const where = { commune, reportId, knownAt, start: quarter.start, reportDate };
  const [work, notes, roster] = await Promise.all([
    workOf(db, where, loaded),
    notesOf(db, where),
    rosterOn(db, commune, reportDate, knownAt),
  ]);
  return {
    reportId,
    commune,
    communeName: loaded.communeName,
    quarter,
    status,
    version: shown,
    versions: history.versions,
    review: latest?.review ?? null,
    reportDate,
    knownAt,
    document: documentOf(submission),
    rows: indicatorRows(loaded),
    work: withRoster(work, roster, loaded, reportDate),
    notes,
  };
}

/** Each indicator for the commune and each village on the report's day, beside its value the day before the quarter. */
function indicatorRows(loaded: LoadedCommune): ReportRow[] {
  const { series, from, to: reportDate } = loaded;
  const villages = villagesOn(loaded, series, from, reportDate);
  return INDICATORS.flatMap((def) => {
    const atStart = new Map(rowsOn(def, loaded, series, villages, from, from).map((r) => [r.village, r]));
    return rowsOn(def, loaded, series, villages, from, reportDate).map((now) => {
      const start = atStart.get(now.village)!;
      return {
        indicator: def.id,
        no: def.no,
        name: def.vi,
        village: now.village,
        villageName: now.villageName,
        numerator: now.numerator,
        denominator: now.denominator,
        value: now.value,
        valueAtStart: start.value,
        change: now.value === null || start.value === null ? null : round(now.value - start.value),
        target: now.target,
        gap: now.gap,
        ...targetsAndMet(def, now.village, now.value, loaded),
        missing: now.missing,
        ...(now.villagesWithoutEstimate ? { villagesWithoutEstimate: now.villagesWithoutEstimate } : {}),
      };
    });
  });
}

/** Each target year's target, and whether the value reaches it. */
function targetsAndMet(
  def: (typeof INDICATORS)[number],
  village: string,
  value: number | null,
  loaded: LoadedCommune,
): Pick<ReportRow, 'targets' | 'met'> {
  const t2025 = targetFor(def, village, 2025, loaded.targets);
  const t2030 = targetFor(def, village, 2030, loaded.targets);
  return {
    targets: { 2025: t2025, 2030: t2030 },
    met: { 2025: metBy(value, t2025), 2030: metBy(value, t2030) },
  };
}

/** The work rows with each village's teams and members; a village with a team but no work yet is listed too. */
function withRoster(
  work: readonly ({ village: string; villageName: string | null } & WorkFigures)[],
  roster: ReadonlyMap<string, VillageRoster>,
  loaded: LoadedCommune,
  reportDate: string,
): QuarterlyReport['work'] {
  const byVillage = new Map(work.map((w) => [w.village, { ...w, teams: 0, members: 0 }]));
  for (const [village, r] of roster) {
    const record = loaded.register.get(village);
    const row = byVillage.get(village) ?? {
      village,
      villageName: record ? villageNameOn(record, reportDate) : null,
      ...noWork(),
      teams: 0,
      members: 0,
    };
    byVillage.set(village, { ...row, ...r });
  }
  return [...byVillage.values()].sort((a, b) => a.village.localeCompare(b.village));
}

interface ReportScope {
  readonly commune: string;
  readonly reportId: string;
  readonly knownAt: string;
  readonly start: string;
  readonly reportDate: string;
}

/** The quarter's work by village: visits, activities and people reached, sessions and attendance. */
async function workOf(db: Kysely<FactsDatabase>, at: ReportScope, loaded: LoadedFacts) {
  const work = await db
    .selectFrom('f_work')
    .select(['village', 'kind', 'people'])
    .where('commune', '=', at.commune)
    .where('recorded_at', '<=', at.knownAt as never)
    .where('on_day', '>=', at.start as never)
    .where('on_day', '<=', at.reportDate as never)
    .execute();
  const byVillage = new Map<string, { village: string; villageName: string | null } & WorkFigures>();
  for (const w of work) {
    const record = loaded.register.get(w.village);
    const row = byVillage.get(w.village) ?? {
      village: w.village,
      villageName: record ? villageNameOn(record, at.reportDate) : null,
      ...noWork(),
    };
    if (w.kind === 'visit') row.visits += 1;
    if (w.kind === 'activity') {
      row.activities += 1;
      row.peopleReached += w.people;
    }
    if (w.kind === 'session' || w.kind === 'core-session') {
      row.sessions += 1;
      row.attendance += w.people;
    }
    if (w.kind === 'core-session') row.coreSpreaderSessions += 1;
    byVillage.set(w.village, row);
  }
  return [...byVillage.values()].sort((a, b) => a.village.localeCompare(b.village));
}

/** Each office's latest difficulties and proposals, as known at the report's instant. */
async function notesOf(db: Kysely<FactsDatabase>, at: ReportScope) {
  const notes = await db
    .selectFrom('f_report_notes')
    .select(['office', 'difficulties', 'proposals', 'seq'])
    .where('commune', '=', at.commune)
    .where('report_id', '=', at.reportId)
    .where('recorded_at', '<=', at.knownAt as never)
    .orderBy('seq')
    .execute();
  const latest = new Map(
    notes.map((n) => [n.office, { office: n.office, difficulties: n.difficulties, proposals: n.proposals }]),
  );
  return [...latest.values()];
}
