import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CommuneCode } from '@cnscd/contracts';
import {
  CLOCK,
  CurrentPrincipal,
  RequireScope,
  parseInput,
  type Clock,
  type Principal,
} from '@cnscd/service-kit';
import { FactsStore } from '../facts/facts-store';
import { buildQuarterlyReport, type QuarterlyReport } from './quarterly-report';
import { reportCsv, reportXlsx } from './report-export';
import { reportPdf } from './report-pdf';
import { provinceReports, submittedReports } from './report-versions';
import { quarterOf } from './quarters';
import { vietnamDay } from '../engine/days';

const QuarterId = z
  .string()
  .regex(/^[0-9]{4}-Q[1-4]$/, { error: 'Mã quý dạng 2026-Q1 / A quarter id like 2026-Q1' });
const ReportId = z.object({ reportId: QuarterId });
/** `?version=N`: a filed version exactly as filed (default: the latest, or the draft after a return). */
export const ReportVersionParams = z.strictObject({
  version: z.coerce.number().int().min(1).max(1000).optional(),
});
export const ProvinceReportsParams = z.strictObject({ quarter: QuarterId });

/** The report's downloads: the filed document (XLSX, PDF) and the indicator table (CSV). */
const FILES = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: reportXlsx },
  pdf: { type: 'application/pdf', body: reportPdf },
  csv: { type: 'text/csv; charset=utf-8', body: reportCsv },
} as const;
type Format = keyof typeof FILES;

/** The report as a file to download, named by commune, quarter and (when filed) version. */
async function sendFile(res: Response, report: QuarterlyReport, format: Format) {
  const { type, body } = FILES[format];
  const version = report.version ? `-v${report.version}` : '';
  res
    .type(type)
    .attachment(`bao-cao-cnscd-${report.commune}-${report.reportId}${version}.${format}`)
    .send(await body(report));
}

/**
 * Reads one commune's report; `version` from the query string, checked. The province reads only what
 * was filed (`filedOnly`): the latest version unless another is asked for.
 */
function reportOf(
  facts: FactsStore,
  clock: Clock,
  commune: string,
  id: string,
  query: unknown,
  filedOnly = false,
) {
  const { reportId } = parseInput(ReportId, { reportId: id });
  const { version } = parseInput(ReportVersionParams, query ?? {});
  const shown = version ?? (filedOnly ? 'latest-filed' : undefined);
  return facts.read((db) => buildQuarterlyReport(db, commune, reportId, clock.now(), shown));
}

/** The commune's own reports. */
@Controller('v1/reports')
export class ReportsHttpController {
  constructor(
    private readonly facts: FactsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The reports filed so far, newest quarter first, each with where it is (waiting, returned, accepted). */
  @Get()
  @RequireScope('indicators:read')
  submitted(@CurrentPrincipal() p: Principal) {
    return this.facts.read((db) => submittedReports(db, p.commune));
  }

  @Get(':reportId.xlsx')
  @RequireScope('indicators:read')
  async xlsx(
    @CurrentPrincipal() p: Principal,
    @Param('reportId') id: string,
    @Query() q: unknown,
    @Res() res: Response,
  ) {
    await sendFile(res, await reportOf(this.facts, this.clock, p.commune, id, q), 'xlsx');
  }

  @Get(':reportId.pdf')
  @RequireScope('indicators:read')
  async pdf(
    @CurrentPrincipal() p: Principal,
    @Param('reportId') id: string,
    @Query() q: unknown,
    @Res() res: Response,
  ) {
    await sendFile(res, await reportOf(this.facts, this.clock, p.commune, id, q), 'pdf');
  }

  @Get(':reportId.csv')
  @RequireScope('indicators:read')
  async csv(
    @CurrentPrincipal() p: Principal,
    @Param('reportId') id: string,
    @Query() q: unknown,
    @Res() res: Response,
  ) {
    await sendFile(res, await reportOf(this.facts, this.clock, p.commune, id, q), 'csv');
  }

  /** The quarter's report: a draft (as known now), submitted (frozen), returned, accepted, or late. */
  @Get(':reportId')
  @RequireScope('indicators:read')
  report(@CurrentPrincipal() p: Principal, @Param('reportId') id: string, @Query() q: unknown) {
    return reportOf(this.facts, this.clock, p.commune, id, q);
  }
}

/** The province's Department of Science and Technology: every commune's reports, as filed. */
@Controller('v1/province/reports')
export class ProvinceReportsHttpController {
  constructor(
    private readonly facts: FactsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every commune's report for a quarter: where it is, its latest version, the comment on it. */
  @Get()
  @RequireScope('indicators:province')
  list(@Query() query: unknown) {
    const { quarter } = parseInput(ProvinceReportsParams, query);
    const late = vietnamDay(this.clock.now()) >= quarterOf(quarter).deadline;
    return this.facts.read((db) => provinceReports(db, quarter, late));
  }

  @Get(':commune/:reportId.pdf')
  @RequireScope('indicators:province')
  async pdf(
    @Param('commune') c: string,
    @Param('reportId') id: string,
    @Query() q: unknown,
    @Res() res: Response,
  ) {
    await sendFile(res, await reportOf(this.facts, this.clock, communeOf(c), id, q, true), 'pdf');
  }

  @Get(':commune/:reportId.xlsx')
  @RequireScope('indicators:province')
  async xlsx(
    @Param('commune') c: string,
    @Param('reportId') id: string,
    @Query() q: unknown,
    @Res() res: Response,
  ) {
    await sendFile(res, await reportOf(this.facts, this.clock, communeOf(c), id, q, true), 'xlsx');
  }

  /** One commune's report: its latest filed version (or `?version=N`), exactly as filed. */
  @Get(':commune/:reportId')
  @RequireScope('indicators:province')
  report(@Param('commune') c: string, @Param('reportId') id: string, @Query() q: unknown) {
    return reportOf(this.facts, this.clock, communeOf(c), id, q, true);
  }
}

const communeOf = (commune: string) => parseInput(z.object({ commune: CommuneCode }), { commune }).commune;
