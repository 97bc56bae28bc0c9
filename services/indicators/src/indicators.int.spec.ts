// Long: one real deployment (nats-server, PostgreSQL, the service as its own process) serves every
// scenario of this file; splitting it would start them again for each part and slow the suite.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { BatchAnswer, ConsumerHealthSchema, Liveness, ParkedEventSchema, Readiness } from '@cnscd/contracts';
import { ProvinceReports, QuarterlyReportAnswer, SubmittedReports } from './queries/reports/report-schemas';
import {
  IndicatorDefinitions,
  ProvinceValuesAnswer,
  SeriesAnswer,
  ValuesAnswer,
  VillagesAnswer,
} from './queries/values/values-schemas';
import { randomUUID } from 'node:crypto';
import { type ServiceUnderTest, describeRedelivery } from '@cnscd/service-testing';
import { pdfPages } from '@cnscd/testing';
import { INDICATOR_COLUMNS } from './queries/reports/report-layout';

import { caughtUp, record, startIndicators, type Json } from './testing/indicators-harness';

let h: ServiceUnderTest;
let snapshot: string;
const key = (n: number) => n.toString(16).padStart(64, '0');
const [A, B, C, D] = [1, 2, 3, 4].map(key) as [string, string, string, string];
const at = (day: string) => `${day}T09:00:00+07:00`;
const registered = (k: string, birthYear: number) =>
  record(
    h,
    'outreach',
    'resident',
    k,
    'ResidentRegistered',
    {
      residentKey: k,
      villageCode: 'thon-1',
      birthYear,
      identification: 'citizen-id',
      consent: false,
      personal: null,
    },
    at('2026-01-05'),
  );
const adoption = (k: string, stage: string, day: string, type = 'AdoptionStageConfirmed') =>
  record(
    h,
    'outreach',
    'resident',
    k,
    type,
    type === 'AdoptionStageConfirmed'
      ? {
          residentKey: k,
          indicator: 'vneid',
          stage,
          evidence: 'provider-records',
          organisationId: 'cong-an-xa',
          organisationKind: 'commune-police',
        }
      : {
          residentKey: k,
          indicator: 'vneid',
          stage,
          reason: 'entered-in-error',
          note: null,
          organisationId: 'phong-vhxh',
        },
    at(day),
  );
const [M1, M2, M3, S] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const merchant = (id: string, openedOn: string) =>
  record(
    h,
    'merchants',
    'merchant',
    id,
    'MerchantRegistered',
    {
      merchantId: id,
      kind: 'shop',
      businessName: 'Cửa hàng',
      villageCode: 'thon-1',
      streetId: null,
      marketId: null,
      stall: null,
      sector: null,
      openedOn,
    },
    at(openedOn),
  );
const onboarding = (merchantId: string, type: string, day: string, extra: object = {}) => {
  const ids = {
    onboardingId: `${merchantId.slice(0, 30)}000000`.slice(0, 36).replace(/.$/, '0'),
    merchantId,
    providerId: 'agribank',
  };
  return record(
    h,
    'merchants',
    'onboarding',
    merchantId,
    type,
    { ...ids, onboardingId: merchantId, ...extra },
    at(day),
  );
};
const denominator = async (villageCode: string, count: number, effectiveDate: string) => {
  const res = await h.call('POST', '/v1/denominators', h.keys['office'], {
    commandId: randomUUID(),
    occurredAt: at('2026-01-02'),
    villageCode,
    ageBand: '14+',
    count,
    source: 'Công an xã, dữ liệu dân cư',
    effectiveDate,
  });
  expect(res.status).toBe(201);
};

/** One indicator's numerator and denominator for a village on a day, as of now or as known at an instant. */
async function value(indicator: string, village: string, date: string, knownAt?: string) {
  const q = `date=${date}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}`;
  const { values }: Json = await (await h.call('GET', `/v1/values?${q}`, h.keys['office'])).json();
  const v = values.find((x: Json) => x.indicator === indicator && x.village === village);
  return v ? [v.numerator, v.denominator] : [0, null];
}

beforeAll(async () => {
  h = await startIndicators();
  // The same commune as the engine's hand-computed test (engine/series.spec.ts), this time as events.
  await denominator('thon-1', 10, '2026-01-01');
  await denominator('thon-1', 12, '2026-07-01');
  await denominator('thon-2', 5, '2026-01-01');
  for (const [k, y] of [
    [A, 1990],
    [B, 2013],
    [C, 1980],
    [D, 1985],
  ] as const)
    await registered(k, y);
  await adoption(A, 'installed', '2026-01-20');
  await adoption(A, 'active', '2026-02-01');
  await adoption(B, 'active', '2026-03-01');
  await adoption(C, 'active', '2026-02-15');
  await adoption(D, 'active', '2026-03-01');
  await merchant(M1, '2025-01-01');
  await merchant(M2, '2025-01-01');
  await merchant(M3, '2025-06-01');
  await onboarding(M1, 'QrCodeIssued', '2026-01-10');
  await onboarding(M1, 'QrCodeVerified', '2026-02-01', {
    verifiedBy: 'to-cnscd',
    verifierKind: 'village-team',
  });
  await onboarding(M3, 'QrCodeVerified', '2026-03-01', {
    verifiedBy: 'to-cnscd',
    verifierKind: 'village-team',
  });
  await onboarding(M3, 'QrPaymentsActive', '2026-04-01');
  await record(
    h,
    'merchants',
    'street',
    S,
    'StreetRegistered',
    { streetId: S, name: 'Đường Hùng Vương', villageCodes: ['thon-1'] },
    at('2026-01-02'),
  );
  await record(
    h,
    'merchants',
    'street',
    S,
    'PlaceDesignated',
    { placeId: S, decisionNumber: '45/QĐ-UBND', decisionDate: '2026-06-15' },
    at('2026-06-15'),
  );
  await caughtUp(h);
  snapshot = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  // Learned later: C's activation is retracted, D moves, M1 closes, the street's designation is revoked.
  await adoption(C, 'active', '2026-04-01', 'AdoptionConfirmationRetracted');
  await record(
    h,
    'outreach',
    'resident',
    D,
    'ResidentMoved',
    {
      residentKey: D,
      fromVillage: 'thon-1',
      toVillage: 'thon-2',
      effectiveDate: '2026-06-01',
      personal: null,
    },
    at('2026-06-03'),
  );
  await record(
    h,
    'merchants',
    'merchant',
    M1,
    'MerchantClosed',
    { merchantId: M1, closedOn: '2026-05-01' },
    at('2026-05-02'),
  );
  await record(
    h,
    'merchants',
    'street',
    S,
    'PlaceDesignationRevoked',
    { placeId: S, decisionNumber: '45/QĐ-UBND', revokedOn: '2026-12-01' },
    at('2026-11-20'),
  );
  await caughtUp(h);
});
afterAll(() => h?.stop());

describe('values as of a day, with everything known now', () => {
  it.each([
    ['2026-01-31', [0, 10]],
    ['2026-02-01', [1, 10]],
    ['2026-03-31', [3, 10]],
    ['2026-04-01', [2, 10]],
    ['2026-06-01', [1, 10]],
    ['2026-07-01', [1, 12]],
    ['2027-01-01', [2, 12]],
  ])('VNeID in thon-1 on %s', async (date, expected) => {
    expect(await value('vneid', 'thon-1', date)).toEqual(expected);
  });

  it('counts the moved resident in thon-2, once for the commune', async () => {
    expect(await value('vneid', 'thon-2', '2026-06-01')).toEqual([1, 5]);
    expect(await value('vneid', '*', '2026-06-01')).toEqual([2, 15]);
  });

  it('counts merchants with a verified QR among open ones, and designated streets', async () => {
    expect(await value('merchants-qr', 'thon-1', '2026-04-30')).toEqual([2, 3]);
    expect(await value('merchants-qr', 'thon-1', '2026-05-01')).toEqual([1, 2]);
    expect(await value('cashless-streets', '*', '2026-06-15')).toEqual([1, null]);
    expect(await value('cashless-streets', '*', '2026-12-01')).toEqual([0, null]);
  });
});

describe('values as known at an earlier moment (what the system showed then)', () => {
  it('does not see what was recorded later: the retraction, the move, the closing, the revocation', async () => {
    expect(await value('vneid', 'thon-1', '2026-06-01', snapshot)).toEqual([3, 10]);
    expect(await value('vneid', 'thon-2', '2026-06-01', snapshot)).toEqual([0, 5]);
    expect(await value('merchants-qr', 'thon-1', '2026-05-01', snapshot)).toEqual([2, 3]);
    expect(await value('cashless-streets', '*', '2026-12-01', snapshot)).toEqual([1, null]);
  });

  it('shows nothing as known before anything was recorded', async () => {
    const { values }: Json = await (
      await h.call('GET', '/v1/values?date=2026-06-01&knownOn=2026-01-01', h.keys['office'])
    ).json();
    expect(values.filter((v: Json) => v.numerator > 0 || (v.denominator ?? 0) > 0)).toEqual([]);
  });
});

describe('series', () => {
  it('reports at month grain: the last day of each month', async () => {
    const { series }: Json = await (
      await h.call(
        'GET',
        '/v1/series?indicator=vneid&village=thon-1&from=2026-01-01&to=2026-06-30&grain=month',
        h.keys['office'],
      )
    ).json();
    expect(series[0].points.map((p: Json) => [p.day, p.numerator])).toEqual([
      ['2026-01-31', 0],
      ['2026-02-28', 2],
      ['2026-03-31', 3],
      ['2026-04-30', 2],
      ['2026-05-31', 2],
      ['2026-06-30', 1],
    ]);
  });
});

describe('targets and configuration', () => {
  it('seeds targets from the plan with yearly milestones, and records a village’s own target', async () => {
    const vneid = (await (await h.call('GET', '/v1/indicators', h.keys['office'])).json()).find(
      (i: Json) => i.id === 'vneid',
    );
    expect(vneid.targetsByYear).toEqual({
      2025: 0.9,
      2026: 0.92,
      2027: 0.94,
      2028: 0.96,
      2029: 0.98,
      2030: 1,
    });
    const res = await h.call('POST', '/v1/targets', h.keys['office'], {
      commandId: randomUUID(),
      occurredAt: at('2026-03-01'),
      indicator: 'vneid',
      villageCode: 'thon-1',
      year: 2026,
      value: 0.6,
      reason: 'Thôn vùng sâu, sóng yếu',
    });
    expect(res.status).toBe(201);
    await caughtUp(h);
    const { values }: Json = await (
      await h.call('GET', '/v1/values?date=2026-07-01', h.keys['office'])
    ).json();
    expect(values.find((v: Json) => v.indicator === 'vneid' && v.village === 'thon-1')).toMatchObject({
      value: 0.0833,
      target: 0.6,
      gap: 0.5167,
    });
  });

  it('recomputes the whole history when the counted stage changes', async () => {
    expect(await value('vneid', 'thon-1', '2026-01-25')).toEqual([0, 10]);
    const res = await h.call('POST', '/v1/config/counted-stages', h.keys['office'], {
      commandId: randomUUID(),
      occurredAt: at('2026-11-26'),
      indicator: 'vneid',
      stage: 'installed',
      reason: 'Đếm cả tài khoản đã cài đặt',
    });
    expect(res.status).toBe(201);
    await caughtUp(h);
    expect(await value('vneid', 'thon-1', '2026-01-25')).toEqual([1, 10]);
    await h.call('POST', '/v1/config/counted-stages', h.keys['office'], {
      commandId: randomUUID(),
      occurredAt: at('2026-11-26'),
      indicator: 'vneid',
      stage: 'active',
      reason: 'Trở lại như cũ',
    });
    await caughtUp(h);
  });
});

describe('the quarterly report', () => {
  it('is late once the 20th of the quarter’s last month has passed unsubmitted; submitted, it is frozen', async () => {
    const before: Json = await (await h.call('GET', '/v1/reports/2026-Q3', h.keys['office'])).json();
    expect(before).toMatchObject({
      status: 'late',
      // Due before the 20th, it speaks for the days up to the 19th (not the quarter's last day).
      reportDate: '2026-09-19',
      quarter: { deadline: '2026-09-20', cutoff: '2026-09-19' },
      document: { number: null, issuedOn: null, signer: null },
    });
    expect(
      (
        await h.call('POST', '/v1/reports/notes', h.keys['office'], {
          commandId: randomUUID(),
          occurredAt: at('2026-11-26'),
          reportId: '2026-Q3',
          office: 'culture-society-office',
          difficulties: 'Nhiều hộ ở xa',
          proposals: 'Thêm điện thoại mẫu',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await h.call('POST', '/v1/reports/notes', h.keys['office'], {
          commandId: randomUUID(),
          occurredAt: at('2026-11-26'),
          reportId: '2026-Q3',
          office: 'economic-office',
          difficulties: 'x',
          proposals: 'y',
        })
      ).status,
    ).toBe(422);
    const badNumber = await h.call('POST', '/v1/reports/submissions', h.keys['office'], {
      commandId: randomUUID(),
      occurredAt: at('2026-11-26'),
      reportId: '2026-Q3',
      documentNumber: '27/BC-UBND',
    });
    expect(badNumber.status).toBe(400);
    expect(JSON.stringify(await badNumber.json())).toContain('Số văn bản chỉ gồm chữ số, ví dụ 27');
    expect(
      (
        await h.call('POST', '/v1/reports/submissions', h.keys['office'], {
          commandId: randomUUID(),
          occurredAt: at('2026-11-26'),
          reportId: '2026-Q3',
          documentNumber: '27',
          signer: { authority: 'KT. Chủ tịch', position: 'Phó Chủ tịch', name: 'Nguyễn Thị Lan' },
          recipients: ['Sở Khoa học và Công nghệ tỉnh Lâm Đồng', 'Lưu: VT, VH-XH'],
        })
      ).status,
    ).toBe(201);
    // No waiting: the submission answers once the facts in use have it (read-your-writes).
    const submitted: Json = await (await h.call('GET', '/v1/reports/2026-Q3', h.keys['office'])).json();
    expect(submitted).toMatchObject({
      status: 'submitted',
      reportDate: '2026-09-19',
      document: {
        number: '27',
        signer: { authority: 'KT. Chủ tịch', position: 'Phó Chủ tịch', name: 'Nguyễn Thị Lan' },
        recipients: ['Sở Khoa học và Công nghệ tỉnh Lâm Đồng', 'Lưu: VT, VH-XH'],
      },
      notes: [{ office: 'culture-society-office', difficulties: 'Nhiều hộ ở xa' }],
    });
    const row = (r: Json) => r.rows.find((x: Json) => x.indicator === 'vneid' && x.village === 'thon-1');
    expect(row(submitted)).toMatchObject({
      numerator: 1,
      denominator: 12,
      valueAtStart: 0.1,
      targets: { 2025: 0.9, 2030: 1 },
      met: { 2025: false, 2030: false },
    });
    expect(await (await h.call('GET', '/v1/reports', h.keys['office'])).json()).toEqual({
      items: [
        {
          reportId: '2026-Q3',
          reportDate: '2026-09-19',
          submittedAt: submitted.knownAt,
          version: 1,
          status: 'submitted',
          comment: null,
        },
      ],
    });

    await adoption(C, 'active', '2026-08-01');
    await caughtUp(h);
    expect(await value('vneid', 'thon-1', '2026-09-30')).toEqual([2, 12]);
    expect(row(await (await h.call('GET', '/v1/reports/2026-Q3', h.keys['office'])).json())).toEqual(
      row(submitted),
    );
    expect(
      (
        await h.call('POST', '/v1/reports/submissions', h.keys['office'], {
          commandId: randomUUID(),
          occurredAt: at('2026-11-26'),
          reportId: '2026-Q3',
        })
      ).status,
    ).toBe(422);
    expect((await (await h.call('GET', '/v1/reports/2026-Q4', h.keys['office'])).json()).status).toBe(
      'draft',
    );
  });

  it('goes to the province, which returns it with a comment or accepts and locks it; every version stays as filed', async () => {
    const [office, province] = [h.keys['office'], h.keys['province']];
    const send = (path: string, key: string | undefined, body: object) =>
      h.call('POST', path, key, { commandId: randomUUID(), occurredAt: at('2026-11-26'), ...body });
    const decide = (path: string, body: object) =>
      send(`/v1/province/reports/${path}`, province, { commune: '99001', reportId: '2026-Q2', ...body });
    const listed = async () =>
      (
        (await (await h.call('GET', '/v1/province/reports?quarter=2026-Q2', province)).json()) as Json
      ).items.find((r: Json) => r.commune === '99001');
    expect(await listed()).toMatchObject({ status: 'late', version: null });
    expect(
      (await send('/v1/reports/submissions', office, { reportId: '2026-Q2', documentNumber: '12' })).status,
    ).toBe(201);
    expect(await listed()).toMatchObject({
      status: 'submitted',
      version: 1,
      documentNumber: '12',
      comment: null,
    });
    const filed: Json = await (await h.call('GET', '/v1/province/reports/99001/2026-Q2', province)).json();
    expect(filed).toMatchObject({
      commune: '99001',
      status: 'submitted',
      version: 1,
      document: { number: '12' },
    });

    // Only the province decides, and only on the version waiting for it.
    expect(
      (
        await send('/v1/province/reports/returns', office, {
          commune: '99001',
          reportId: '2026-Q2',
          version: 1,
          comment: 'Tự trả lại',
        })
      ).status,
    ).toBe(403);
    expect((await decide('returns', { version: 2, comment: 'Bản không có' })).status).toBe(422);
    expect((await decide('returns', { version: 1, comment: 'Thiếu ý kiến của Phòng Kinh tế' })).status).toBe(
      201,
    );
    expect(await listed()).toMatchObject({
      status: 'returned',
      version: 1,
      comment: 'Thiếu ý kiến của Phòng Kinh tế',
    });

    // The commune sees why, corrects its draft and files again; the first version stays as filed.
    const returned: Json = await (await h.call('GET', '/v1/reports/2026-Q2', office)).json();
    expect(returned).toMatchObject({
      status: 'returned',
      version: null,
      review: { decision: 'returned', comment: 'Thiếu ý kiến của Phòng Kinh tế' },
      versions: [{ version: 1, review: { decision: 'returned' } }],
    });
    expect(
      (
        await send('/v1/reports/notes', h.keys['economic'], {
          reportId: '2026-Q2',
          office: 'economic-office',
          difficulties: 'Chợ chưa có QR',
          proposals: 'Hỗ trợ tiểu thương',
        })
      ).status,
    ).toBe(201);
    expect(
      (await send('/v1/reports/submissions', office, { reportId: '2026-Q2', documentNumber: '15' })).status,
    ).toBe(201);
    expect((await decide('acceptances', { version: 1 })).status).toBe(422);
    expect((await decide('acceptances', { version: 2 })).status).toBe(201);

    // Accepted: locked, and both versions open exactly as filed.
    const accepted: Json = await (await h.call('GET', '/v1/reports/2026-Q2', office)).json();
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, document: { number: '15' } });
    expect(accepted.notes.map((n: Json) => n.office)).toContain('economic-office');
    expect(accepted.versions.map((v: Json) => [v.version, v.review?.decision])).toEqual([
      [1, 'returned'],
      [2, 'accepted'],
    ]);
    const first: Json = await (await h.call('GET', '/v1/reports/2026-Q2?version=1', office)).json();
    expect(first).toMatchObject({ version: 1, knownAt: filed.knownAt, document: { number: '12' } });
    expect(first.notes.map((n: Json) => n.office)).not.toContain('economic-office');
    expect((await h.call('GET', '/v1/reports/2026-Q2?version=3', office)).status).toBe(404);
    const locked = await send('/v1/reports/notes', office, {
      reportId: '2026-Q2',
      office: 'culture-society-office',
      difficulties: 'Muộn',
      proposals: 'Muộn',
    });
    expect(locked.status).toBe(422);
    expect(await locked.json()).toMatchObject({ code: 'Locked' });

    // The province reads any commune's filed report as a document; the commune cannot read the province's list.
    const pdf = await fetch(`${h.service.url}/v1/province/reports/99001/2026-Q2.pdf?version=1`, {
      headers: { authorization: `Bearer ${province}` },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect((await h.call('GET', '/v1/province/reports?quarter=2026-Q2', office)).status).toBe(403);
    expect((await h.call('GET', '/v1/province/reports/99001/2026-Q4', province)).status).toBe(404);
  });

  it('counts each village’s team and the members in it on the report date', async () => {
    const team = randomUUID();
    const [m1, m2] = [randomUUID(), randomUUID()];
    const roster = (type: string, data: object, on: string) =>
      record(h, 'training', 'team', team, type, { teamId: team, ...data }, at(on));
    const member = (memberId: string, joinedOn: string) =>
      roster(
        'MemberJoined',
        { memberId, displayName: 'Thành viên', affiliation: 'youth-union', joinedOn, consent: true },
        joinedOn,
      );
    await roster(
      'TeamRegistered',
      { villageCode: 'thon-1', villageName: 'Thôn 1', communeName: 'xã 99001' },
      '2026-10-01',
    );
    await member(m1, '2026-10-02');
    await member(m2, '2026-10-03');
    await roster('MemberLeft', { memberId: m2, leftOn: '2026-11-15' }, '2026-11-15');
    await caughtUp(h);
    const draft: Json = await (await h.call('GET', '/v1/reports/2026-Q4', h.keys['office'])).json();
    expect(draft.work.find((w: Json) => w.village === 'thon-1')).toMatchObject({ teams: 1, members: 1 });
    const q3: Json = await (await h.call('GET', '/v1/reports/2026-Q3', h.keys['office'])).json();
    // Filed before the team existed: the report stays as it was filed.
    expect(q3.work.find((w: Json) => w.village === 'thon-1')?.teams ?? 0).toBe(0);
  });

  it('exports the filed document as XLSX that prints on A4 landscape, as PDF, and the table as CSV', async () => {
    const get = (path: string) =>
      fetch(`${h.service.url}${path}`, { headers: { authorization: `Bearer ${h.keys['office']}` } });
    const res = await get('/v1/reports/2026-Q3.xlsx');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('Báo cáo')!;
    expect([1, 2, 3].map((r) => String(sheet.getCell(r, 1).value))).toEqual([
      'ỦY BAN NHÂN DÂN',
      'XÃ 99001',
      'Số: 27/BC-UBND',
    ]);
    expect(String(sheet.getCell('E2').value)).toBe('Độc lập – Tự do – Hạnh phúc');
    expect(String(sheet.getCell('A6').value)).toBe(
      'Kết quả hoạt động của Tổ Công nghệ số cộng đồng quý III năm 2026',
    );
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '11:11',
    });
    expect((sheet.getRow(11).values as unknown[]).slice(1)).toEqual(INDICATOR_COLUMNS.map((c) => c.heading));
    const firstVneid = (sheet.getRow(12).values as unknown[]).slice(1);
    expect(firstVneid.slice(1, 4)).toEqual([
      '1. Cài đặt, sử dụng định danh điện tử VNeID mức 2',
      'Toàn xã',
      2,
    ]);
    expect(firstVneid.slice(9)).toEqual(['90,0%', 'Chưa đạt', '100,0%', 'Chưa đạt']);
    const notes = book.getWorksheet('Khó khăn, đề xuất')!;
    expect((notes.getRow(3).values as unknown[]).slice(1)).toEqual([
      'Phòng Văn hóa – Xã hội',
      'Nhiều hộ ở xa',
      'Thêm điện thoại mẫu',
    ]);

    const pdf = await get('/v1/reports/2026-Q3.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfPages(Buffer.from(await pdf.arrayBuffer()))).map((p) => p.text).join(' ');
    for (const line of ['Số: 27/BC-UBND', 'Nhiều hộ ở xa', 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH', 'Nguyễn Thị Lan'])
      expect(text).toContain(line);

    const bytes = Buffer.from(await (await get('/v1/reports/2026-Q3.csv')).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      bytes
        .subarray(3)
        .toString('utf8')
        .startsWith(`${INDICATOR_COLUMNS.map((c) => c.heading).join(',')}\r\n`),
    ).toBe(true);
  });
});

describe('operations', () => {
  it('parks an event that does not match its contract, with the reason, and goes on', async () => {
    const bad = key(99);
    await registered(bad, 1991);
    await record(
      h,
      'outreach',
      'resident',
      bad,
      'AdoptionStageConfirmed',
      {
        residentKey: bad,
        indicator: 'tiktok',
        stage: 'active',
        evidence: 'self-reported',
        organisationId: 'x',
        organisationKind: 'y',
      },
      at('2026-05-01'),
    );
    await adoption(bad, 'active', '2026-05-02');
    await caughtUp(h);
    const parked: Json[] = await (await h.call('GET', '/v1/admin/parked', h.keys['office'])).json();
    expect(parked).toEqual([
      expect.objectContaining({
        projection: 'indicators.facts',
        type: 'AdoptionStageConfirmed',
        subject: `cnscd.evt.99001.outreach.resident.${bad}`,
        reason: expect.stringContaining('indicator'),
      }),
    ]);
    const ready = await h.call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect((await ready.json()).projections['indicators.facts']).toMatchObject({
      state: 'parked',
      parked: 1,
    });
  });

  it('rolls the figures up to the province over every commune', async () => {
    const other = key(500);
    await record(
      h,
      'outreach',
      'resident',
      other,
      'ResidentRegistered',
      {
        residentKey: other,
        villageCode: 'thon-9',
        birthYear: 1970,
        identification: 'generated',
        consent: false,
        personal: null,
      },
      at('2026-01-05'),
      '99002',
    );
    await record(
      h,
      'outreach',
      'resident',
      other,
      'AdoptionStageConfirmed',
      {
        residentKey: other,
        indicator: 'vneid',
        stage: 'active',
        evidence: 'provider-records',
        organisationId: 'ca',
        organisationKind: 'commune-police',
      },
      at('2026-02-01'),
      '99002',
    );
    await record(
      h,
      'indicators',
      'settings',
      '99002',
      'DenominatorEstimated',
      { villageCode: 'thon-9', ageBand: '14+', count: 4, source: 'Công an xã', effectiveDate: '2026-01-01' },
      at('2026-01-02'),
      '99002',
    );
    await caughtUp(h);
    const res: Json = await (
      await h.call('GET', '/v1/province/values?date=2026-06-01', h.keys['province'])
    ).json();
    expect(res.communes.map((c: Json) => c.commune)).toEqual(['99001', '99002']);
    expect(res.province.find((p: Json) => p.indicator === 'vneid')).toMatchObject({
      numerator: 4, // 99001: A, D and the resident of the parked-event test; 99002: one
      denominator: 19,
    });
    expect((await h.call('GET', '/v1/province/values?date=2026-06-01', h.keys['office'])).status).toBe(403);
  });

  it('publishes a complete OpenAPI document, Vietnamese first', async () => {
    const doc = await (await h.call('GET', '/openapi.json')).json();
    for (const path of [
      '/v1/values',
      '/v1/series',
      '/v1/denominators',
      '/v1/targets',
      '/v1/reports',
      '/v1/reports/{reportId}',
      '/v1/reports/{reportId}.xlsx',
      '/v1/admin/rebuilds',
      '/v1/freshness',
      '/v1/province/values',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // An operator polling a rebuild knows what each field means, the step it is at included.
    expect(doc.components.schemas.RebuildProgress.properties.phase.enum).toEqual([
      'reading',
      'indexing',
      'counting',
      'switching',
      'serving',
    ]);
    for (const operations of Object.values(doc.paths) as Record<string, { summary: string }>[]) {
      for (const op of Object.values(operations)) expect(op.summary).toMatch(/^[^/]*[À-ỹ][^/]* \/ [A-Z]/u);
    }
  });
});

describe('the answers as the API document describes them (issue 19 §4)', () => {
  /** Parsed by its documented schema, the answer loses nothing and keeps every type. */
  const asDocumented = async (schema: z.ZodType, path: string, key = h.keys['office']) => {
    const body = await (await h.call('GET', path, key)).json();
    expect(schema.parse(body)).toEqual(body);
  };

  it('answers values, series, definitions, villages and the province roll-up in their documented shapes', async () => {
    await asDocumented(ValuesAnswer, '/v1/values?date=2026-07-01');
    await asDocumented(SeriesAnswer, '/v1/series?from=2026-01-01&to=2026-03-31&grain=month');
    await asDocumented(IndicatorDefinitions, '/v1/indicators');
    await asDocumented(VillagesAnswer, '/v1/villages');
    await asDocumented(ProvinceValuesAnswer, '/v1/province/values?date=2026-06-01', h.keys['province']);
  });

  it('answers the reports, the province’s list and the operations routes in their documented shapes', async () => {
    await asDocumented(QuarterlyReportAnswer, '/v1/reports/2026-Q2');
    await asDocumented(QuarterlyReportAnswer, '/v1/reports/2026-Q4');
    await asDocumented(SubmittedReports, '/v1/reports');
    await asDocumented(ProvinceReports, '/v1/province/reports?quarter=2026-Q2', h.keys['province']);
    await asDocumented(Liveness, '/health/live');
    await asDocumented(Readiness, '/health/ready');
    await asDocumented(z.array(ConsumerHealthSchema), '/v1/freshness');
    await asDocumented(z.array(ParkedEventSchema), '/v1/admin/parked');
    const batch = await h.call('POST', '/v1/batch', h.keys['office'], {
      items: [
        { kind: 'record-report-notes', input: { commandId: randomUUID(), occurredAt: at('2026-11-26') } },
      ],
    });
    const answer = await batch.json();
    expect([batch.status, BatchAnswer.parse(answer)]).toEqual([207, answer]);
    expect(answer.summary).toEqual({ total: 1, applied: 0, alreadyApplied: 0, failed: 1 });
  });
});

describe('the commune and its villages (issue 14 §4)', () => {
  const E = key(700);
  const vneidOn = async (date: string) => {
    const { values }: Json = await (await h.call('GET', `/v1/values?date=${date}`, h.keys['office'])).json();
    return values.filter((v: Json) => v.indicator === 'vneid');
  };

  it('lists every registered village by name, marks one without an estimate missing, and sums the villages into the commune', async () => {
    await record(
      h,
      'outreach',
      'resident',
      E,
      'ResidentRegistered',
      {
        residentKey: E,
        villageCode: 'thon-7',
        birthYear: 1975,
        identification: 'citizen-id',
        consent: false,
        personal: null,
      },
      at('2026-01-05'),
    );
    await adoption(E, 'active', '2026-02-01');
    await caughtUp(h);
    const rows = await vneidOn('2026-06-01');
    const commune = rows.find((r: Json) => r.village === '*');
    const villages = rows.filter((r: Json) => r.village !== '*');
    // Every registered village is a row, named, even one with nothing recorded (thon-9).
    for (let i = 1; i <= 9; i++)
      expect(villages).toContainEqual(
        expect.objectContaining({ village: `thon-${i}`, villageName: `Thôn ${i}` }),
      );
    expect(villages.find((r: Json) => r.village === 'thon-7')).toMatchObject({
      numerator: 1,
      denominator: null,
      value: null,
      missing: 'estimate',
    });
    expect(commune.villagesWithoutEstimate).toEqual(expect.arrayContaining(['thon-7', 'thon-9']));
    expect(commune.villagesWithoutEstimate).not.toContain('thon-1');
    // The commune's figure is the sum of its villages' rows: nothing counted in the commune and nowhere else.
    expect(commune.numerator).toBe(villages.reduce((n: number, r: Json) => n + r.numerator, 0));
    expect(commune.denominator).toBe(villages.reduce((n: number, r: Json) => n + (r.denominator ?? 0), 0));

    const report: Json = await (await h.call('GET', '/v1/reports/2026-Q2', h.keys['office'])).json();
    expect(report.rows).toContainEqual(
      expect.objectContaining({
        indicator: 'vneid',
        village: 'thon-7',
        villageName: 'Thôn 7',
        missing: 'estimate',
      }),
    );
    const xlsx = await fetch(`${h.service.url}/v1/reports/2026-Q2.xlsx`, {
      headers: { authorization: `Bearer ${h.keys['office']}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const cells = book.getWorksheet('Báo cáo')!.getSheetValues().flat().map(String);
    expect(cells).toContain('Thôn 7');
    expect(cells).toContain('Chưa có số dân ước tính');
    expect(cells).not.toContain('thon-7');
  });

  it('counts a merged village’s residents in the village it joined from the merger’s day, and shows renames from their day', async () => {
    const post = (path: string, body: object) =>
      h.call('POST', path, h.keys['office'], {
        commandId: randomUUID(),
        occurredAt: at('2026-06-20'),
        ...body,
      });
    expect(
      (
        await post('/v1/villages/retirements', {
          villageCode: 'thon-7',
          effectiveDate: '2026-07-01',
          successors: ['thon-6'],
          reason: 'Nghị quyết sáp nhập thôn',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/v1/villages/renames', {
          villageCode: 'thon-6',
          name: 'Thôn Hợp Nhất',
          effectiveDate: '2026-07-01',
        })
      ).status,
    ).toBe(201);
    const before = await vneidOn('2026-06-30');
    const after = await vneidOn('2026-07-01');
    expect(before.find((r: Json) => r.village === 'thon-7')?.numerator).toBe(1);
    expect(before.find((r: Json) => r.village === 'thon-6')).toMatchObject({
      numerator: 0,
      villageName: 'Thôn 6',
    });
    expect(after.find((r: Json) => r.village === 'thon-7')).toBeUndefined();
    expect(after.find((r: Json) => r.village === 'thon-6')).toMatchObject({
      numerator: 1,
      villageName: 'Thôn Hợp Nhất',
    });
    expect(after.find((r: Json) => r.village === '*').numerator).toBe(
      before.find((r: Json) => r.village === '*').numerator,
    );
  });
});

describeRedelivery(() => h);
