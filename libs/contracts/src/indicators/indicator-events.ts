import { z } from 'zod';
import { Day, Instant, ShortNote, VillageCode } from '../identifiers';
import { INDICATOR_IDS } from './catalog';

const Reason = ShortNote.pipe(z.string().min(3));

/** Which stage counts for an indicator in this commune from now on; the whole history is recomputed with it. */
export const CountedStageSetV1 = z.object({
  indicator: z.enum(INDICATOR_IDS),
  stage: z.string().min(1).max(20),
  reason: Reason,
});

/** Residents of a village and age band, as estimated by a source (for example the commune police's population data). */
export const DenominatorEstimatedV1 = z.object({
  villageCode: VillageCode,
  ageBand: z.enum(['14+', '15+', '18+']),
  count: z.number().int().min(0).max(1_000_000),
  source: z.string().trim().min(2).max(120),
  effectiveDate: Day,
});

/** A target for a year: the commune's, or one village's. Shares 0–1, counts as numbers. */
export const TargetSetV1 = z.object({
  indicator: z.enum(INDICATOR_IDS),
  villageCode: VillageCode.nullable(),
  year: z.number().int().min(2025).max(2040),
  value: z.number().min(0).max(1000),
  reason: Reason,
});

export const ReportNotesRecordedV1 = z.object({
  reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/),
  office: z.enum(['culture-society-office', 'economic-office']),
  difficulties: z.string().trim().max(4000),
  proposals: z.string().trim().max(4000),
});
const Line = (max: number) => z.string().trim().min(1).max(max);
/**
 * Who signs the report as an administrative document (Decree 30/2020/NĐ-CP): the authority line
 * (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`), the signer's position and full name.
 */
export const ReportSigner = z.object({ authority: Line(60), position: Line(60), name: Line(80) });
export type ReportSigner = z.infer<typeof ReportSigner>;

/**
 * Frozen: the report keeps showing what was known when it was submitted (`knownAt`). The document's
 * number in the commune's register (`<number>/BC-UBND`), its signer and its recipients (Nơi nhận) were
 * added later as optional fields: a report submitted before carries none and prints blanks for them.
 */
export const QuarterlyReportSubmittedV1 = z.object({
  reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/),
  reportDate: Day,
  knownAt: Instant,
  documentNumber: z
    .string()
    .regex(/^[0-9]{1,6}$/, {
      error: 'Số văn bản chỉ gồm chữ số, ví dụ 27 / The document number is digits only, e.g. 27',
    })
    .optional(),
  signer: ReportSigner.optional(),
  recipients: z.array(Line(160)).min(1).max(10).optional(),
});

const ReportVersion = z.number().int().min(1).max(1000);
/**
 * The province's Department of Science and Technology returns a filed version to the commune with what
 * to correct: the commune may record its notes and submit again (a new version; the earlier ones stay
 * as filed, events never change).
 */
export const QuarterlyReportReturnedV1 = z.object({
  reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/),
  version: ReportVersion,
  comment: z.string().trim().min(3).max(2000),
});

/** The province accepts a filed version: the report is locked, nothing more is recorded on it. */
export const QuarterlyReportAcceptedV1 = z.object({
  reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/),
  version: ReportVersion,
  comment: z.string().trim().max(2000).optional(),
});
