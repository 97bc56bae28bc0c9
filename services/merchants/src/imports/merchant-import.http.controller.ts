import { Body, Controller, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { deterministicUuid } from '@cnscd/event-store';
import type { ReadModelDatabase } from '@cnscd/read-model';
import {
  CurrentPrincipal,
  InputValidationError,
  OperationRunner,
  READ_MODEL,
  RequireScope,
  headerKey,
  httpStatusOf,
  parseInput,
  readCsv,
  toProblem,
  vietnameseDate,
  type Principal,
} from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';
import { RegisterMerchantRequest } from '../merchants/merchant-write-parts';
import { registerMerchant } from '../merchants/register-merchant/register-merchant.operation';

export const MERCHANT_COLUMNS = {
  businessName: ['ten co so', 'ten', 'ten cua hang', 'business name', 'businessname'],
  kind: ['loai hinh', 'loai', 'kind'],
  villageCode: ['thon', 'ma thon', 'village', 'villagecode'],
  street: ['tuyen duong', 'duong', 'street'],
  market: ['cho', 'market'],
  stall: ['sap', 'ki ot', 'kiot', 'quay', 'stall'],
  sector: ['nganh hang', 'nganh', 'sector'],
  openedOn: ['ngay mo cua', 'ngay hoat dong', 'ngay', 'opened on', 'openedon'],
} as const;

const KINDS: Record<string, string> = {
  'doanh nghiep': 'enterprise',
  'cong ty': 'enterprise',
  'ho kinh doanh': 'household-business',
  'cua hang': 'shop',
  'tieu thuong': 'small-trader',
  'sap cho': 'small-trader',
};
export const ImportParams = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });
type RowError = { line: number; column: string; reason: string };

/**
 * Merchant lists as the commune keeps them (CSV, Vietnamese headers). Streets and markets are named
 * as registered; the merchant id comes from the village, name and stall, so a re-import changes
 * nothing. `?dryRun=true` reports every bad row (line, column, reason) and writes nothing.
 */
@Controller('v1/imports/merchants')
export class MerchantImportHttpController {
  constructor(
    private readonly runner: OperationRunner,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<MerchantsDatabase>,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireScope('merchants:imports')
  async import(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Body() body: unknown,
    @Headers() headers: Record<string, string>,
  ) {
    const dryRun = parseInput(ImportParams, query).dryRun === 'true';
    if (typeof body !== 'string' || body.length === 0) {
      throw new InputValidationError([
        {
          pointer: '#/',
          detail: 'Gửi tệp CSV với Content-Type: text/csv / Send the CSV file with Content-Type: text/csv',
        },
      ]);
    }
    const table = readCsv(body, MERCHANT_COLUMNS);
    const places = await this.rm.db
      .selectFrom('places')
      .select(['place_id', 'kind', 'name'])
      .where('commune', '=', principal.commune)
      .execute();
    const placeId = (kind: 'street' | 'market', name: string | undefined) =>
      name === undefined
        ? null
        : (places.find((p) => p.kind === kind && headerKey(p.name) === headerKey(name))?.place_id ??
          `unknown:${name}`);
    const errors: RowError[] = [];
    const valid: { line: number; input: object }[] = [];
    for (const row of table.rows) {
      const v = row.values;
      const street = placeId('street', v['street']);
      const market = placeId('market', v['market']);
      if (street?.startsWith('unknown:'))
        errors.push({
          line: row.line,
          column: table.columnOf['street']!,
          reason: 'Chưa có tuyến đường này; hãy đăng ký trước / No such street; register it first',
        });
      if (market?.startsWith('unknown:'))
        errors.push({
          line: row.line,
          column: table.columnOf['market']!,
          reason: 'Chưa có chợ này; hãy đăng ký trước / No such market; register it first',
        });
      if (street?.startsWith('unknown:') || market?.startsWith('unknown:')) continue;
      const fields = {
        kind: v['kind'] === undefined ? undefined : (KINDS[headerKey(v['kind'])] ?? v['kind']),
        businessName: v['businessName'],
        villageCode: v['villageCode'],
        streetId: street,
        marketId: market,
        stall: v['stall'] ?? null,
        sector: v['sector'] ?? null,
        openedOn: vietnameseDate(v['openedOn'])?.slice(0, 10),
      };
      const merchantId = deterministicUuid(
        'import-merchant',
        principal.commune,
        fields.villageCode ?? '',
        headerKey(fields.businessName ?? ''),
        fields.stall ?? '',
      );
      const input = {
        commandId: deterministicUuid('import-merchant-command', principal.commune, JSON.stringify(fields)),
        occurredAt: `${fields.openedOn ?? '1970-01-01'}T00:00:00+07:00`,
        merchantId,
        ...fields,
      };
      try {
        parseInput(RegisterMerchantRequest, input);
        valid.push({ line: row.line, input });
      } catch (err) {
        for (const e of (err as InputValidationError).errors) {
          const field = e.pointer.replace(/^#\//, '').split('/')[0]!;
          const column =
            table.columnOf[field] ??
            table.columnOf[{ streetId: 'street', marketId: 'market' }[field] ?? ''] ??
            field;
          errors.push({ line: row.line, column, reason: e.detail });
        }
      }
    }
    const report = {
      dryRun,
      rows: table.rows.length,
      valid: valid.length,
      ignoredColumns: table.unknownHeaders,
    };
    if (dryRun) return { ...report, errors: errors.sort((a, b) => a.line - b.line) };
    let applied = 0;
    let alreadyApplied = 0;
    for (const { line, input } of valid) {
      try {
        if (httpStatusOf(await this.runner.run(registerMerchant, principal, input, headers)) === 201)
          applied += 1;
        else alreadyApplied += 1;
      } catch (err) {
        const problem = toProblem(err);
        if (problem.status >= 500) throw err;
        errors.push({ line, column: '', reason: problem.title });
      }
    }
    return {
      ...report,
      applied,
      alreadyApplied,
      failed: table.rows.length - applied - alreadyApplied,
      errors: errors.sort((a, b) => a.line - b.line),
    };
  }
}
