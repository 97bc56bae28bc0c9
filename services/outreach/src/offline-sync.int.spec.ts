import { randomUUID } from 'node:crypto';
import { ORGANISATIONS, startOutreach, type OutreachHarness } from './testing/outreach-harness';

let h: OutreachHarness;
beforeAll(async () => {
  h = await startOutreach(ORGANISATIONS);
});
afterAll(() => h?.stop());

const NOW = '2026-03-02T08:30:00+07:00';

describe('a phone syncing what it recorded offline', () => {
  it('sends one batch three times and the events are written once, each item answered on its own', async () => {
    const householdId = randomUUID();
    const resident = {
      commandId: randomUUID(),
      occurredAt: NOW,
      householdId,
      villageCode: 'thon-1',
      birthYear: 1980,
      consent: true,
    };
    const items: { kind: string; input: Record<string, unknown> & { commandId: string } }[] = [
      {
        kind: 'register-household',
        input: {
          commandId: randomUUID(),
          occurredAt: NOW,
          householdId,
          villageCode: 'thon-1',
          code: 'H-101',
        },
      },
      { kind: 'register-resident', input: resident },
      {
        kind: 'log-visit',
        input: {
          commandId: randomUUID(),
          occurredAt: NOW,
          villageCode: 'thon-1',
          householdId,
          topics: ['vneid'],
        },
      },
      {
        kind: 'log-visit',
        input: { commandId: randomUUID(), occurredAt: NOW, villageCode: 'thon-1', householdId, topics: [] },
      },
    ];
    const send = async () => (await h.call('POST', '/v1/batch', h.keys['thon-1'], { items })).json();

    const first = await send();
    expect(first.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201, 400]);
    expect(first.results[3].problem).toMatchObject({
      code: 'invalid-input',
      errors: [{ pointer: '#/topics' }],
    });
    expect(first.summary).toEqual({ total: 4, applied: 3, alreadyApplied: 0, failed: 1 });
    // The items run at once, yet reach the stream in the order they were recorded.
    const positions = first.results
      .slice(0, 3)
      .map((r: { result: { position: number } }) => r.result.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const residentKey = first.results[1].result.residentKey;
    const confirmation = {
      kind: 'confirm-adoption',
      input: {
        commandId: randomUUID(),
        occurredAt: NOW,
        residentKey,
        indicator: 'e-health-record',
        stage: 'installed',
        evidence: 'verified-on-device',
      },
    };
    items.push(confirmation);
    const second = await send();
    const third = await send();
    expect(second.results.map((r: { status: number }) => r.status)).toEqual([200, 200, 200, 400, 201]);
    expect(third.results.map((r: { status: number }) => r.status)).toEqual([200, 200, 200, 400, 200]);
    expect(third.results[1].result).toEqual({ ...first.results[1].result, status: 'duplicate' });

    const ids = new Set(items.map((i) => i.input.commandId));
    const commits = new Set(
      (await h.events()).filter((e) => ids.has(e.metadata.commandId)).map((e) => e.position),
    );
    expect(commits.size).toBe(4);
  });

  it('answers the batch itself 207 Multi-Status, whatever its items answered — even every one refused', async () => {
    const refused = await h.call('POST', '/v1/batch', h.keys['analyst'], {
      items: [{ kind: 'log-visit', input: { commandId: randomUUID() } }],
    });
    expect(refused.status).toBe(207);
    expect((await refused.json()).summary).toEqual({ total: 1, applied: 0, alreadyApplied: 0, failed: 1 });
    const malformed = await h.call('POST', '/v1/batch', h.keys['thon-1'], { items: [] });
    expect(malformed.status).toBe(400);
  });

  it('checks each item’s own permission', async () => {
    const res = await (
      await h.call('POST', '/v1/batch', h.keys['analyst'], {
        items: [
          {
            kind: 'log-visit',
            input: {
              commandId: randomUUID(),
              occurredAt: NOW,
              villageCode: 'thon-1',
              householdId: randomUUID(),
              topics: ['vneid'],
            },
          },
        ],
      })
    ).json();
    expect(res.results[0]).toMatchObject({ status: 403, problem: { code: 'forbidden' } });
  });
});

describe('importing the spreadsheets teams keep', () => {
  const visitsCsv = [
    'Thôn;Mã hộ;Ngày thăm;Chủ đề;Hẹn quay lại;Ngày hẹn;Ghi chú',
    'thon-3;H-001;02/03/2026;5;6;09/03/2026;Đã hướng dẫn cài VNeID',
    'Thôn 3;H-002;02/03/2026;5;;;',
    'thon-3;;03/03/2026;vneid;;;',
    'thon-3;H-003;hôm qua;vneid;;;',
    'thon-3;H-004;03/03/2026;bói toán;;;',
    'thon-3;H-001;04/03/2026;1, 2;;;',
  ].join('\n');
  const importCsv = async (kind: string, csv: string, dryRun: boolean) =>
    (
      await h.call('POST', `/v1/imports/${kind}?dryRun=${dryRun}`, h.keys['thon-1'], csv, {
        'content-type': 'text/csv',
      })
    ).json();

  it('reports every bad row by line, column and reason in a dry run, writing nothing', async () => {
    const before = (await h.events()).length;
    const report = await importCsv('visits', visitsCsv, true);
    expect(report).toMatchObject({ dryRun: true, rows: 6, valid: 2 });
    expect(report.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'Thôn'],
      [4, 'Mã hộ'],
      [5, 'Ngày thăm'],
      [6, 'Chủ đề'],
    ]);
    expect((await h.events()).length).toBe(before);
  });

  it('applies the valid rows once, creating households from their codes; importing again changes nothing', async () => {
    const first = await importCsv('visits', visitsCsv, false);
    expect(first).toMatchObject({ dryRun: false, rows: 6, applied: 2, alreadyApplied: 0, failed: 4 });
    const again = await importCsv('visits', visitsCsv, false);
    expect(again).toMatchObject({ applied: 0, alreadyApplied: 2, failed: 4 });

    const visits = (await (await h.call('GET', '/v1/visits?village=thon-3', h.keys['thon-1'])).json()).items;
    expect(visits).toHaveLength(2);
    expect(new Set(visits.map((v: { householdId: string }) => v.householdId)).size).toBe(1);
    const household = await (
      await h.call('GET', `/v1/households/${visits[0].householdId}`, h.keys['office'])
    ).json();
    expect(household).toMatchObject({ code: 'H-001', villageCode: 'thon-3' });
    // The rows run several at once; the household they share is still in the stream before its visits.
    const ofHousehold = (await h.events()).filter(
      (e) => (e.data as { householdId?: string }).householdId === visits[0].householdId,
    );
    expect(ofHousehold.map((e) => e.type)).toEqual(['HouseholdRegistered', 'VisitLogged', 'VisitLogged']);
    expect(visits.find((v: { topics: string[] }) => v.topics.includes('vneid')).followUp).toEqual({
      topics: ['e-health-record'],
      dueBy: '2026-03-09',
    });
  });

  it('imports confirmations by citizen ID, never repeating the number in its report', async () => {
    const registered = '066090000777';
    await h.call('POST', '/v1/residents', h.keys['thon-1'], {
      commandId: randomUUID(),
      occurredAt: NOW,
      citizenId: registered,
      villageCode: 'thon-3',
      consent: false,
    });
    const csv = [
      'Số CCCD,Chỉ tiêu,Giai đoạn,Minh chứng,Ngày',
      `${registered},1,Đã cài đặt,Kiểm tra trên máy,02/03/2026`,
      '003190001234,1,Đã cài đặt,,02/03/2026',
      '066090000888,2,Đã hướng dẫn,,02/03/2026',
    ].join('\n');
    const report = await importCsv('confirmations', csv, false);
    expect(report).toMatchObject({ rows: 3, applied: 1, failed: 2 });
    expect(report.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'Số CCCD'],
      [4, 'Số CCCD'],
    ]);
    expect(JSON.stringify(report)).not.toMatch(/003190001234|066090000888|066090000777/);
  });
});
