import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  CLOCK,
  CurrentPrincipal,
  RequireScope,
  parseInput,
  type Clock,
  type Principal,
} from '@cnscd/service-kit';
import { FactsStore } from '../facts/facts-store';
import { buildQuarterlyReport, submittedReports } from './quarterly-report';
import { reportCsv, reportXlsx } from './report-export';
import { reportPdf } from './report-pdf';

const ReportId = z.object({
  reportId: z
    .string()
    .regex(/^[0-9]{4}-Q[1-4]$/, { error: 'Mã quý dạng 2026-Q1 / A quarter id like 2026-Q1' }),
});

export const SubmittedReports = z
  .object({
    items: z.array(
      z.object({ reportId: z.string(), reportDate: z.iso.date(), submittedAt: z.iso.datetime() }),
    ),
  })
  .meta({ id: 'SubmittedReports' });
type SubmittedReports = z.output<typeof SubmittedReports>;

/** The report's downloads: the filed document (XLSX, PDF) and the indicator table (CSV). */
const FILES = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: reportXlsx },
  pdf: { type: 'application/pdf', body: reportPdf },
  csv: { type: 'text/csv; charset=utf-8', body: reportCsv },
} as const;

@Controller('v1/reports')
export class ReportsHttpController {
  constructor(
    private readonly facts: FactsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private build(p: Principal, id: string) {
    const { reportId } = parseInput(ReportId, { reportId: id });
    return this.facts.read((db) => buildQuarterlyReport(db, p.commune, reportId, this.clock.now()));
  }

  /** The reports filed so far, newest quarter first: each opens exactly as it was submitted. */
  @Get()
  @RequireScope('indicators:read')
  submitted(@CurrentPrincipal() p: Principal): Promise<SubmittedReports> {
    return this.facts.read((db) => submittedReports(db, p.commune));
  }

  @Get(':reportId.xlsx')
  @RequireScope('indicators:read')
  xlsx(@CurrentPrincipal() p: Principal, @Param('reportId') id: string, @Res() res: Response) {
    return this.file(p, id, res, 'xlsx');
  }

  @Get(':reportId.pdf')
  @RequireScope('indicators:read')
  pdf(@CurrentPrincipal() p: Principal, @Param('reportId') id: string, @Res() res: Response) {
    return this.file(p, id, res, 'pdf');
  }

  @Get(':reportId.csv')
  @RequireScope('indicators:read')
  csv(@CurrentPrincipal() p: Principal, @Param('reportId') id: string, @Res() res: Response) {
    return this.file(p, id, res, 'csv');
  }

  /** The report as a file to download, named by commune and quarter. */
  private async file(p: Principal, id: string, res: Response, format: keyof typeof FILES) {
    const report = await this.build(p, id);
    const { type, body } = FILES[format];
    res
      .type(type)
      .attachment(`bao-cao-cnscd-${report.commune}-${report.reportId}.${format}`)
      .send(await body(report));
  }

  /** The quarter's report: a draft (as known now), submitted (frozen), or late (past the 20th, unsubmitted). */
  @Get(':reportId')
  @RequireScope('indicators:read')
  report(@CurrentPrincipal() p: Principal, @Param('reportId') id: string) {
    return this.build(p, id);
  }
}
