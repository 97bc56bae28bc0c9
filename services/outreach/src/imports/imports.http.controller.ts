import { Body, Controller, HttpCode, Inject, Param, Post, Query, Headers } from '@nestjs/common';
import { z } from 'zod';
import { deterministicUuid } from '@cnscd/event-store';
import type { ReadModelDatabase } from '@cnscd/read-model';
import {
  CurrentPrincipal,
  ImportParams,
  InputValidationError,
  OperationRunner,
  READ_MODEL,
  RequireScope,
  applyRows,
  byLine,
  csvText,
  parseInput,
  readCsv,
  toProblem,
  type CsvRow,
  type CsvTable,
  type Operation,
  type OperationResult,
  type Principal,
  type RowError,
} from '@cnscd/service-kit';
import {
  ConfirmAdoptionRequest,
  confirmAdoption,
} from '../residents/confirm-adoption/confirm-adoption.operation';
import { registerHousehold } from '../households/register-household/register-household.operation';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { ResidentShell } from '../residents/resident-shell';
import { LogVisitRequest } from '../visits/log-visit/log-visit.request';
import { logVisit } from '../visits/log-visit/log-visit.operation';
import { CONFIRMATION_COLUMNS, VISIT_COLUMNS, columnFor, confirmationInput, visitInput } from './import-rows';

export { ImportParams };
type Prepared = {
  row: CsvRow;
  input: Record<string, unknown>;
  household?: { householdId: string; villageCode: string; code: string };
};

/**
 * CSV import of the spreadsheets teams already keep (UTF-8, Vietnamese headers). `?dryRun=true`
 * checks every row and reports each problem (line, column, reason) without writing anything; a real
 * run applies every valid row, each as its own command with a command id derived from its content,
 * so importing the same file again changes nothing.
 */
@Controller('v1/imports')
export class ImportsHttpController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly residents: ResidentShell,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>,
  ) {}

  @Post(':kind')
  @HttpCode(200)
  @RequireScope('outreach:imports')
  async import(
    @CurrentPrincipal() principal: Principal,
    @Param('kind') kind: string,
    @Query() query: unknown,
    @Body() body: unknown,
    @Headers() headers: Record<string, string>,
  ) {
    const { dryRun } = parseInput(ImportParams, query);
    const { which } = parseInput(z.object({ which: z.enum(['visits', 'confirmations']) }), { which: kind });
    const table = readCsv(csvText(body), which === 'visits' ? VISIT_COLUMNS : CONFIRMATION_COLUMNS);
    const errors: RowError[] = [];
    const prepared =
      which === 'visits'
        ? await this.prepareVisits(principal, table, errors)
        : this.prepareConfirmations(principal, table, errors);
    const report = {
      dryRun: dryRun === 'true',
      rows: table.rows.length,
      valid: prepared.length,
      ignoredColumns: table.unknownHeaders,
    };
    if (report.dryRun) return { ...report, errors: byLine(errors) };
    const operation = (which === 'visits' ? logVisit : confirmAdoption) as Operation<
      unknown,
      OperationResult
    >;
    // A new household is registered once, by its first row. The rows run several at once, in the
    // file's order in the stream (`sequence`): the registration comes before every visit to it.
    const householdsDone = new Set<string>();
    const writes = this.runner.sequence();
    const outcome = await applyRows(
      prepared.map((p) => ({ ...p, line: p.row.line })),
      async (p) => {
        if (p.household && !householdsDone.has(p.household.householdId)) {
          householdsDone.add(p.household.householdId);
          await writes.run(registerHousehold, principal, householdCommand(principal, p), headers);
        }
        return writes.run(operation, principal, p.input, headers);
      },
      (p, problem) => {
        // A rejection about the person (not registered, erased) blames the column that names them.
        const at = problem.errors?.[0]?.pointer ?? (which === 'confirmations' ? '#/residentKey' : '#/');
        errors.push({ line: p.line, column: columnFor(at, table.columnOf), reason: problem.title });
      },
    );
    await writes.settled();
    const ok = outcome.applied + outcome.alreadyApplied;
    return { ...report, ...outcome, failed: table.rows.length - ok, errors: byLine(errors) };
  }

  private async prepareVisits(
    principal: Principal,
    table: CsvTable,
    errors: RowError[],
  ): Promise<Prepared[]> {
    const known = await this.rm.db
      .selectFrom('households')
      .select(['household_id', 'village_code', 'code'])
      .where('commune', '=', principal.commune)
      .where('code', 'is not', null)
      .execute();
    const byCode = new Map(known.map((h) => [`${h.village_code}/${h.code}`, h.household_id]));
    const prepared: Prepared[] = [];
    for (const row of table.rows) {
      const newHousehold = new Map<string, string>();
      const input = visitInput(row, principal.commune, (village, code) => {
        const id =
          byCode.get(`${village}/${code}`) ??
          deterministicUuid('household', principal.commune, village, code);
        if (!byCode.has(`${village}/${code}`)) newHousehold.set(id, code);
        return id;
      });
      if (!input.householdId)
        errors.push({
          line: row.line,
          column: table.columnOf['householdCode'] ?? 'mã hộ',
          reason: 'Cần mã hộ / A household code is required',
        });
      else if (this.check(LogVisitRequest, input, row, table, errors)) {
        const code = newHousehold.get(input.householdId);
        prepared.push({
          row,
          input,
          ...(code
            ? { household: { householdId: input.householdId, villageCode: input.villageCode!, code } }
            : {}),
        });
      }
    }
    return prepared;
  }

  private prepareConfirmations(principal: Principal, table: CsvTable, errors: RowError[]): Prepared[] {
    const prepared: Prepared[] = [];
    for (const row of table.rows) {
      const raw = confirmationInput(row);
      try {
        const { citizenId: _raw, ...rest } = raw;
        // The citizen ID is turned into the resident key here, and the command id derived from the key: never from the number.
        const residentKey =
          raw.residentKey ??
          (raw.citizenId !== undefined
            ? this.residents.resolveKey(principal.commune, { citizenId: raw.citizenId })
            : undefined);
        const input = { ...rest, ...(residentKey ? { residentKey } : {}) };
        const withId = {
          commandId: deterministicUuid('import-confirmation', principal.commune, JSON.stringify(input)),
          ...input,
        };
        if (this.check(ConfirmAdoptionRequest, withId, row, table, errors))
          prepared.push({ row, input: withId });
      } catch (err) {
        const problem = toProblem(err);
        for (const e of problem.errors ?? [])
          errors.push({ line: row.line, column: columnFor(e.pointer, table.columnOf), reason: e.detail });
      }
    }
    return prepared;
  }

  private check(schema: z.ZodType, input: object, row: CsvRow, table: CsvTable, errors: RowError[]): boolean {
    try {
      parseInput(schema, input);
      return true;
    } catch (err) {
      for (const e of (err as InputValidationError).errors ?? [])
        errors.push({ line: row.line, column: columnFor(e.pointer, table.columnOf), reason: e.detail });
      return false;
    }
  }
}

/** The household a visit row names by its code, registered once per import (a resend changes nothing). */
const householdCommand = (principal: Principal, p: Prepared) => ({
  ...p.household,
  commandId: deterministicUuid('import-household', principal.commune, p.household!.householdId),
  occurredAt: p.input['occurredAt'],
});
