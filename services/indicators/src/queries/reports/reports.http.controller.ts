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
  async xlsx(@CurrentPrincipal() p: Principal, @Param('reportId') id: string, @Res() res: Response) {
    const report = await this.build(p, id);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`bao-cao-cnscd-${report.commune}-${report.reportId}.xlsx`)
      .send(await reportXlsx(report));
  }

  @Get(':reportId.pdf')
  @RequireScope('indicators:read')
  async pdf(@CurrentPrincipal() p: Principal, @Param('reportId') id: string, @Res() res: Response) {
    const report = await this.build(p, id);
    res
      .type('application/pdf')
      .attachment(`bao-cao-cnscd-${report.commune}-${report.reportId}.pdf`)
      .send(await reportPdf(report));
  }

  @Get(':reportId.csv')
  @RequireScope('indicators:read')
  async csv(@CurrentPrincipal() p: Principal, @Param('reportId') id: string, @Res() res: Response) {
    const report = await this.build(p, id);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`bao-cao-cnscd-${report.commune}-${report.reportId}.csv`)
      .send(reportCsv(report));
  }

  /** The quarter's report: a draft (as known now), submitted (frozen), or late (past the 20th, unsubmitted). */
  @Get(':reportId')
  @RequireScope('indicators:read')
  report(@CurrentPrincipal() p: Principal, @Param('reportId') id: string) {
    return this.build(p, id);
  }
}
