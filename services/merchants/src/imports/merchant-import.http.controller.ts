import { Body, Controller, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
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
  headerKey,
  parseInput,
  readCsv,
  vietnameseDate,
  type CsvRow,
  type CsvTable,
  type Principal,
  type RowError,
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
export { ImportParams };

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

  /** The commune's streets and markets by name, as an import names them; an unknown name is `unknown:<name>`. */
  private async placeIds(commune: string) {
    const places = await this.rm.db
      .selectFrom('places')
      .select(['place_id', 'kind', 'name'])
      .where('commune', '=', commune)
      .execute();
    return (kind: 'street' | 'market', name: string | undefined) =>
      name === undefined
        ? null
        : (places.find((p) => p.kind === kind && headerKey(p.name) === headerKey(name))?.place_id ??
          `unknown:${name}`);
  }

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
    const table = readCsv(csvText(body), MERCHANT_COLUMNS);
    const placeId = await this.placeIds(principal.commune);
    const errors: RowError[] = [];
    const valid = table.rows.flatMap((row) => {
      const input = merchantInput(row, table, placeId, principal.commune, errors);
      return input ? [{ line: row.line, input }] : [];
    });
    const report = {
      dryRun,
      rows: table.rows.length,
      valid: valid.length,
      ignoredColumns: table.unknownHeaders,
    };
    if (dryRun) return { ...report, errors: byLine(errors) };
    const writes = this.runner.sequence();
    const outcome = await applyRows(
      valid,
      ({ input }) => writes.run(registerMerchant, principal, input, headers),
      ({ line }, problem) => errors.push({ line, column: '', reason: problem.title }),
    );
    await writes.settled();
    const { applied, alreadyApplied } = outcome;
    return {
      ...report,
      applied,
      alreadyApplied,
      failed: table.rows.length - applied - alreadyApplied,
      errors: byLine(errors),
    };
  }
}

type PlaceIds = (kind: 'street' | 'market', name: string | undefined) => string | null;
const UNKNOWN_PLACE = {
  street: 'Chưa có tuyến đường này; hãy đăng ký trước / No such street; register it first',
  market: 'Chưa có chợ này; hãy đăng ký trước / No such market; register it first',
};

/**
 * A row as a merchant registration, with ids derived from what names the merchant (importing the file
 * again registers nobody twice); or null, with the row's faults added to `errors`.
 */
function merchantInput(
  row: CsvRow,
  table: CsvTable,
  placeId: PlaceIds,
  commune: string,
  errors: RowError[],
): object | null {
  const v = row.values;
  const places = { street: placeId('street', v['street']), market: placeId('market', v['market']) };
  const unknown = (['street', 'market'] as const).filter((k) => places[k]?.startsWith('unknown:'));
  for (const k of unknown)
    errors.push({ line: row.line, column: table.columnOf[k]!, reason: UNKNOWN_PLACE[k] });
  if (unknown.length > 0) return null;
  const fields = {
    kind: v['kind'] === undefined ? undefined : (KINDS[headerKey(v['kind'])] ?? v['kind']),
    businessName: v['businessName'],
    villageCode: v['villageCode'],
    streetId: places.street,
    marketId: places.market,
    stall: v['stall'] ?? null,
    sector: v['sector'] ?? null,
    openedOn: vietnameseDate(v['openedOn'])?.slice(0, 10),
  };
  const name = [fields.villageCode ?? '', headerKey(fields.businessName ?? ''), fields.stall ?? ''];
  const input = {
    commandId: deterministicUuid('import-merchant-command', commune, JSON.stringify(fields)),
    occurredAt: `${fields.openedOn ?? '1970-01-01'}T00:00:00+07:00`,
    merchantId: deterministicUuid('import-merchant', commune, ...name),
    ...fields,
  };
  try {
    parseInput(RegisterMerchantRequest, input);
    return input;
  } catch (err) {
    for (const e of (err as InputValidationError).errors) {
      const field = e.pointer.replace(/^#\//, '').split('/')[0]!;
      const column =
        table.columnOf[field] ??
        table.columnOf[{ streetId: 'street', marketId: 'market' }[field] ?? ''] ??
        field;
      errors.push({ line: row.line, column, reason: e.detail });
    }
    return null;
  }
}
