// Long: one real deployment (nats-server, PostgreSQL, the service as its own process) serves every
// scenario of this file; splitting it would start them again for each part and slow the suite.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as argon2 from 'argon2';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { SERVICE_NAMES, startDeployment, type DeploymentUnderTest } from '@cnscd/service-testing';
import { pdfPages, startService, testFailed, type RunningService } from '@cnscd/testing';

/**
 * The web app end to end: the built app served by services/web, the real services behind it, and
 * Debian's Chromium driven by playwright-core. `CNSCD_SCREENSHOTS=1` keeps screenshots in docs/.
 */
// Each browser step has its own 10 s bound (signIn), so a step that never happens fails by its name.
// The test's own bound only caps the sum: a scenario of twenty steps across two pages runs 3x slower
// when the suite's other worker, Chromium and the deployment share two cores (CI saw 30 s exceeded).
jest.setTimeout(120_000);

const COMMUNE = '99001';
const PASSWORD = 'mat-khau-quan-tri-1';
const TEAM_PASSWORD = 'mat-khau-to-truong-1';
const SCREENSHOTS =
  process.env.CNSCD_SCREENSHOTS === '1' ? resolve(__dirname, '../../../docs/screenshots') : null;

let d: DeploymentUnderTest;
let web: RunningService;
let browser: Browser;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-web-'));
  const bootstrap = join(dir, 'bootstrap.json');
  writeFileSync(
    bootstrap,
    JSON.stringify({
      organisations: [
        { commune: COMMUNE, organisationId: 'ubnd-xa', kind: 'peoples-committee', name: 'UBND xã' },
        {
          commune: COMMUNE,
          organisationId: 'to-cnscd-thon-1',
          kind: 'village-team',
          name: 'Tổ CNSCĐ thôn 1',
          villageCode: 'thon-1',
        },
        { commune: COMMUNE, organisationId: 'cong-an-xa', kind: 'commune-police', name: 'Công an xã' },
        {
          commune: COMMUNE,
          organisationId: 'vhxh',
          kind: 'culture-society-office',
          name: 'Phòng Văn hóa - Xã hội',
        },
        {
          commune: COMMUNE,
          organisationId: 'so-khcn',
          kind: 'province-department',
          name: 'Sở Khoa học và Công nghệ',
        },
      ],
      users: [
        {
          commune: COMMUNE,
          organisationId: 'ubnd-xa',
          username: 'quan.tri',
          role: 'administrator',
          passwordHash: await argon2.hash(PASSWORD),
        },
        {
          commune: COMMUNE,
          organisationId: 'to-cnscd-thon-1',
          username: 'thon1.to.truong',
          role: 'team-leader',
          passwordHash: await argon2.hash(TEAM_PASSWORD),
        },
        {
          commune: COMMUNE,
          organisationId: 'vhxh',
          username: 'vhxh.can.bo',
          role: 'office-officer',
          passwordHash: await argon2.hash(TEAM_PASSWORD),
        },
        {
          commune: COMMUNE,
          organisationId: 'so-khcn',
          username: 'so.khcn',
          role: 'office-officer',
          passwordHash: await argon2.hash(TEAM_PASSWORD),
        },
        {
          commune: COMMUNE,
          organisationId: 'cong-an-xa',
          username: 'cong.an',
          role: 'administrator',
          passwordHash: await argon2.hash(TEAM_PASSWORD),
        },
      ],
    }),
  );
  const reader = {
    id: 'reader',
    organisationId: 'phong-vhxh',
    organisationKind: 'culture-society-office',
    role: 'analyst',
    commune: COMMUNE,
  } as const;
  const office = { ...reader, id: 'office', role: 'office-officer' } as const;
  const economic = {
    ...office,
    id: 'economic',
    organisationId: 'phong-kinh-te',
    organisationKind: 'economic-office',
  } as const;
  const bank = {
    id: 'agribank',
    organisationId: 'agribank',
    organisationKind: 'bank',
    role: 'partner-officer',
    commune: COMMUNE,
    scopes: ['merchants:onboarding', 'merchants:read'],
  } as const;
  // The tests' own key for each service's /v1/freshness (an administrator's, narrowed to ops:read).
  const ops = { ...reader, id: 'ops', role: 'administrator', scopes: ['ops:read'] } as const;
  d = await startDeployment([reader, office, economic, bank, ops], {
    env: { identity: { IDENTITY_BOOTSTRAP_FILE: bootstrap } },
  });
  web = await startService({
    entry: 'services/web/src/main.ts',
    portVariable: 'WEB_HTTP_PORT',
    env: Object.fromEntries(SERVICE_NAMES.map((s) => [`WEB_${s.toUpperCase()}_URL`, d.services[s].url])),
  });
  browser = await chromium.launch({
    executablePath: process.env.CNSCD_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await d?.stop();
}, 60_000);

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** Each signed-in page's calls to the services, oldest first, for the story a failed test prints. */
const calls = new WeakMap<Page, string[]>();
/** Records every call the page makes to a service: its answer (or failure) and how long it took. */
function recordCalls(page: Page) {
  const list: string[] = [];
  calls.set(page, list);
  const note = (line: string) => list.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  const path = (url: string) => new URL(url).pathname;
  page.on('requestfinished', (req) => {
    if (!path(req.url()).startsWith('/api/')) return;
    // Asked after the fact: a page closed meanwhile answers with a rejection, which must not fail the test.
    req.response().then(
      (res) =>
        note(
          `${res?.status() ?? '?'} ${req.method()} ${path(req.url())} ${Math.round(req.timing().responseEnd)} ms`,
        ),
      () => undefined,
    );
  });
  page.on('requestfailed', (req) =>
    note(`failed ${req.method()} ${path(req.url())}: ${req.failure()?.errorText}`),
  );
}
/** What a failed test leaves on a page: where it was, its last calls, and the text it showed. */
async function storyOf(page: Page) {
  const text = await page.evaluate('document.body.innerText').catch((err: unknown) => String(err));
  return [
    `page ${page.url()}`,
    ...(calls.get(page) ?? []).slice(-25).map((c) => `  ${c}`),
    `  shows: ${String(text).replace(/\s+/g, ' ').slice(0, 2000)}`,
  ].join('\n');
}
// A step that times out says which step, not what the page showed instead or which call was slow:
// a failed test prints that for every page it left open, and closes them.
afterEach(async () => {
  const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
  if (testFailed()) for (const page of pages) console.log(await storyOf(page));
  await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
});

async function signIn(page: Page, password = PASSWORD, username = 'quan.tri') {
  page.setDefaultTimeout(10_000); // a step that never happens fails with its own name, not the test's timeout
  if (!calls.has(page)) recordCalls(page);
  await page.goto(web.url);
  await page.getByLabel('Mã xã').fill(COMMUNE);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
/**
 * A cell's text once it shows `expected`, or whatever it shows after waiting (the app refetches on
 * each change, so the text may be an older answer for a moment; a wrong final text fails the test).
 */
async function textOnceShown(cell: Locator, expected: string) {
  await cell
    .filter({ hasText: expected })
    .waitFor({ timeout: 8000 })
    .catch(() => undefined);
  return cell.textContent();
}
/** Changes the session the app keeps on the device, as a stale or tampered phone would hold it. */
const editStoredSession = (page: Page, change: string) =>
  page.evaluate(`(() => {
    const s = JSON.parse(localStorage.getItem('cnscd.session'));
    ${change};
    localStorage.setItem('cnscd.session', JSON.stringify(s));
  })()`);
/** The commune's target for an indicator on the dashboard. */
const targetOf = (page: Page, indicator: string, expected: string) =>
  textOnceShown(page.locator(`tr[data-indicator="${indicator}"] td[data-col="target"]`), expected);
/** Picks a village in the field log from the commune's list (shown by name, sent by code). */
async function chooseVillage(page: Page, code: string) {
  const field = page.locator('select[name="village"]');
  await field.locator(`option[value="${code}"]`).waitFor({ state: 'attached' });
  await field.selectOption(code);
}
/** The dashboard's cell for one indicator in one village. */
const cellOf = (page: Page, indicator: string, village: string, expected: string) =>
  textOnceShown(page.locator(`tr[data-indicator="${indicator}"] td[data-village="${village}"]`), expected);

it('keeps the whole app’s JavaScript, field log included, under 300 KB gzipped (cheap phones, patchy signal)', () => {
  const assets = resolve(__dirname, '../dist/assets');
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  const gzipped = scripts.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);
  expect(gzipped).toBeLessThan(300 * 1024);
});

it('fills the commune in from the office’s sign-in link', async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await page.goto(`${web.url}/?xa=99002`);
  expect(await page.getByLabel('Mã xã').inputValue()).toBe('99002');
  await page.close();
});

it('refuses a wrong password with a message in Vietnamese', async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page, 'not-the-password');
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Sai tên đăng nhập hoặc mật khẩu.');
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-phone.png') });
  await page.close();
});

it('sends security headers, and the app runs under its content security policy without a violation', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const shell = await page.goto(web.url);
  const headers = shell!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  await signIn(page);
  // The dashboard with its chart: scripts, styles, the canvas and the API calls all ran.
  await page.locator('tr[data-indicator="vneid"]').waitFor();
  await page.locator('[data-testid="trend"] canvas').waitFor();
  expect(violations).toEqual([]);
  const api = await fetch(`${web.url}/api/outreach/v1/visits?village=thon-1`, {
    headers: { authorization: `Bearer ${d.keys['office']}` },
  });
  expect(api.status).toBe(200);
  expect(api.headers.get('cache-control')).toBe('no-store');
  expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  // Never stored, so never revalidated: no ETag is computed for it.
  expect(api.headers.get('etag')).toBeNull();
  await page.close();
});

it('keeps an idle connection 65 s, longer than a proxy in front keeps its own, and says so', async () => {
  const agent = new http.Agent({ keepAlive: true });
  const keepAlive = await new Promise<string | undefined>((resolve, reject) =>
    http
      .get(
        web.url,
        { agent },
        (res) => (res.resume(), resolve(res.headers['keep-alive'] as string | undefined)),
      )
      .on('error', reject),
  );
  agent.destroy();
  expect(keepAlive).toBe('timeout=65');
});

it('signs in and shows the eight indicators; the as-of date moves the figures to that day', async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page);
  await page.locator('tr[data-indicator="vneid"]').waitFor();
  expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(8);
  // Every registered village is a column, by its name; none has a population estimate yet, and says so.
  await page.getByRole('button', { name: 'Thôn 1', exact: true }).waitFor();
  expect(await page.getByTestId('missing-estimates').textContent()).toContain('Thôn 1');
  await page.locator('input[name="date"]').fill('31/12/2025');
  expect(await targetOf(page, 'vneid', '90%')).toBe('90%');
  // Picked on the phone's calendar instead, the day is written back the Vietnamese way.
  await page.locator('.day-input:has(input[name="date"]) input.picker').fill('2026-06-30');
  expect(await page.locator('input[name="date"]').inputValue()).toBe('30/06/2026');
  expect(await targetOf(page, 'vneid', '92%')).toBe('92%');
  expect(await page.locator('[data-testid="as-of"]').textContent()).toBe('30/06/2026');
  // The trend chart draws the indicator and its target line.
  await page.locator('[data-testid="trend"] canvas').waitFor();
  expect(await page.locator('[data-testid="trend"] .u-legend').textContent()).toContain('Mục tiêu');
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png'), fullPage: true });
  await page.close();
});

it('switches to English, and keeps the session across a reload', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signIn(page);
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
  await page.getByLabel('Ngôn ngữ').selectOption('en');
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  if (SCREENSHOTS)
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-desktop.png'), fullPage: true });
  await page.close();
});

/** What the outreach service answers, read with another organisation's key than the app's user. */
async function outreachRead<T>(path: string): Promise<T> {
  const res = await fetch(`${d.services.outreach.url}${path}`, {
    headers: { authorization: `Bearer ${d.keys['reader']}` },
  });
  return (await res.json()) as T;
}
/**
 * Waits until every service's read models have applied the write at `position` (one stream, so one
 * position for all). A write waits at most 3 s for its own read model (read-your-writes), not for the
 * others, and on a loaded CI machine the one fetch a page makes came sooner (the field log saw a
 * village without the household just written).
 */
async function projected(position: number) {
  for (const service of SERVICE_NAMES)
    for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 100))) {
      const res = await fetch(`${d.services[service].url}/v1/freshness`, {
        headers: { authorization: `Bearer ${d.keys['ops']}` },
      });
      expect(res.status).toBe(200);
      const consumers = (await res.json()) as { checkpoint: number; streamPosition: number }[];
      if (consumers.every((c) => c.checkpoint >= Math.min(position, c.streamPosition))) break;
      if (Date.now() > deadline) throw new Error(`${service} has not applied position ${position}`);
    }
}
/** The visits of a village as the outreach service has them. */
const visitsIn = async (village: string) =>
  (await outreachRead<{ items: unknown[] }>(`/v1/visits?village=${village}`)).items.length;
const visitsInThon1 = () => visitsIn('thon-1');

/** A write to a service, by default with the culture–society office's key (setting up what a test needs). */
async function post(service: (typeof SERVICE_NAMES)[number], path: string, body: object, key = 'office') {
  const res = await fetch(`${d.services[service].url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys[key]}` },
    body: JSON.stringify({ commandId: randomUUID(), occurredAt: new Date().toISOString(), ...body }),
  });
  expect(res.status).toBe(201);
  const answer = (await res.json()) as Record<string, string>;
  await projected(Number(answer['position']));
  return answer;
}

it('records a visit and a resident’s stage offline, sends them once online, and the dashboard moves', async () => {
  // Household H-001 of thon-1 has two adults; the commune police counted 4 residents aged 14+.
  const householdId = randomUUID();
  await post('outreach', '/v1/households', { householdId, villageCode: 'thon-1', code: 'H-001' });
  for (const birthYear of [1990, 1962])
    await post('outreach', '/v1/residents', { householdId, villageCode: 'thon-1', birthYear, consent: true });
  await post('indicators', '/v1/denominators', {
    villageCode: 'thon-1',
    ageBand: '14+',
    count: 4,
    source: 'Công an xã, dữ liệu dân cư',
    effectiveDate: '2026-01-01',
  });

  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  const page = await context.newPage();
  // A pattern the browser cannot compile is dropped with a console message, and checks nothing.
  const badPatterns: string[] = [];
  page.on('console', (m) => void (/pattern/i.test(m.text()) && badPatterns.push(m.text())));
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  expect(await cellOf(page, 'e-health-record', 'thon-1', '0%')).toBe('0%');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await page.getByText('Đang có kết nối').waitFor();
  // The team's own village is filled in from its organisation.
  await page.locator('select[name="village"] option[value="thon-1"]').waitFor({ state: 'attached' });
  expect(await page.locator('select[name="village"]').inputValue()).toBe('thon-1');
  await chooseVillage(page, 'thon-1');
  await page.getByTestId('village-list').filter({ hasText: 'Số người trong danh sách thôn: 2' }).waitFor();

  // In the field with no signal: the village list is on the phone already.
  await context.setOffline(true);
  await page.getByText('Mất kết nối').waitFor();
  await page.getByLabel('Hộ gia đình').selectOption({ label: 'H-001 (2)' });
  // VNeID activation is the commune police's to confirm: the team is not offered it, and told who does.
  await page.getByLabel('Tài khoản định danh điện tử VNeID').check();
  await page.getByTestId('residents').getByRole('checkbox').first().check();
  await page.getByTestId('confirmed-by-others').filter({ hasText: 'Công an xã' }).waitFor();
  expect(await page.getByLabel('Mức đạt được — Người 1').locator('option').allTextContents()).toEqual([
    'Đã hướng dẫn',
    'Đã cài đặt',
  ]);
  await page.getByLabel('Tài khoản định danh điện tử VNeID').uncheck();
  await page.getByLabel('Sổ sức khỏe điện tử').check();
  await page.getByLabel('Mức đạt được — Người 1').selectOption({ label: 'Đã kích hoạt / đang sử dụng' });
  if (SCREENSHOTS)
    await page.screenshot({ path: join(SCREENSHOTS, 'field-log-offline-phone.png'), fullPage: true });
  await page.getByRole('button', { name: 'Lưu lượt thăm' }).click();
  await page.getByTestId('saved').filter({ hasText: 'sẽ tự gửi khi có kết nối' }).waitFor();
  await page.getByText('Lượt thăm chờ gửi: 1').waitFor(); // the visit (the resident's stage rides with it)
  expect(await visitsInThon1()).toBe(0);

  await context.setOffline(false);
  await page.getByText('Lượt thăm chờ gửi: 0').waitFor();
  await page.getByText('Lượt thăm đã gửi: 1').waitFor();
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(await visitsInThon1()).toBe(1);
  expect(badPatterns).toEqual([]);

  // One resident of four now uses the e-health record.
  await page.getByRole('button', { name: 'Tổng quan' }).click();
  expect(await cellOf(page, 'e-health-record', 'thon-1', '25%')).toBe('25%');
  // As of yesterday (typed the Vietnamese way) the dashboard shows the earlier value: nobody had it yet.
  const day = (offset: number) =>
    new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .split('-')
      .reverse()
      .join('/');
  await page.locator('input[name="date"]').fill(day(-1));
  expect(await cellOf(page, 'e-health-record', 'thon-1', '0%')).toBe('0%');
  await page.locator('input[name="date"]').fill(day(0));
  expect(await cellOf(page, 'e-health-record', 'thon-1', '25%')).toBe('25%');

  // Reopening the app sends nothing again: the outbox is empty and the visit stays one visit.
  await page.reload();
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await page.getByText('Lượt thăm chờ gửi: 0').waitFor();
  expect(await visitsInThon1()).toBe(1);
  await context.close();
});

it('on a shared phone, sends a visit only with the sign-in of the person who recorded it', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  const page = await context.newPage();
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await page.locator('select[name="village"] option[value="thon-4"]').waitFor({ state: 'attached' });
  await context.setOffline(true);
  await chooseVillage(page, 'thon-4');
  await page.getByLabel('Mã hộ mới, để đăng ký hộ (không bắt buộc)').fill('H-015'); // a household new to the list
  await page.getByLabel('Chữ ký số, chữ ký điện tử cá nhân').check();
  await page.getByRole('button', { name: 'Lưu lượt thăm' }).click();
  await page.getByText('Lượt thăm chờ gửi: 1').waitFor(); // with the household's registration
  await page.getByRole('button', { name: 'Đăng xuất' }).click();

  // Back online, the commune police sign in on the same phone: the team leader's visit waits.
  await context.setOffline(false);
  await signIn(page, TEAM_PASSWORD, 'cong.an');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await page.getByTestId('others-pending').filter({ hasText: '1' }).waitFor();
  expect(await page.getByTestId('pending').textContent()).toBe('Lượt thăm chờ gửi: 0');
  expect(await visitsIn('thon-4')).toBe(0);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();

  // The team leader signs in again: it goes, once, as theirs.
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await page.getByText('Lượt thăm đã gửi: 1').waitFor();
  await page.getByText('Lượt thăm chờ gửi: 0').waitFor(); // the count shows '…' until the outbox is read
  expect(await visitsIn('thon-4')).toBe(1);
  // The visit names the household registered with it, under its new code.
  const visits = await outreachRead<{ items: { householdId: string }[] }>('/v1/visits?village=thon-4');
  const household = await outreachRead<{ code: string | null }>(
    `/v1/households/${visits.items[0]!.householdId}`,
  );
  expect(household.code).toBe('H-015');
  await context.close();
});

it('sends a long day offline — more entries than one batch takes — in batches, every one once', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  const page = await context.newPage();
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await page.getByText('Lượt thăm chờ gửi: 0').waitFor();
  await context.setOffline(true);
  // 230 visits waiting on the phone, as the outbox keeps them (a batch takes at most 200).
  await page.evaluate(`new Promise((resolve, reject) => {
    const userId = JSON.parse(localStorage.getItem('cnscd.session')).user.userId;
    const open = indexedDB.open('cnscd');
    open.onerror = reject;
    open.onsuccess = () => {
      const tx = open.result.transaction('outbox', 'readwrite');
      for (let i = 0; i < 230; i++)
        tx.objectStore('outbox').put({
          commandId: crypto.randomUUID(),
          service: 'outreach',
          kind: 'log-visit',
          input: { villageCode: 'thon-5', householdId: crypto.randomUUID(), occurredAt: new Date().toISOString(), topics: ['vneid'] },
          recordedAt: new Date(Date.now() + i).toISOString(),
          userId,
          status: 'pending',
        });
      tx.oncomplete = () => resolve(true);
      tx.onerror = reject;
    };
  })`);
  await context.setOffline(false); // the connection returns: the app sends what waits
  await page.getByText('Lượt thăm đã gửi: 230').waitFor({ timeout: 20_000 });
  await page.getByText('Lượt thăm chờ gửi: 0').waitFor();
  const visits = await outreachRead<{ items: unknown[] }>('/v1/visits?village=thon-5&limit=500');
  expect(visits.items).toHaveLength(230);
  await context.close();
});

it('lets a resident in no household be guided, and shows a household without a code by its people', async () => {
  const householdId = randomUUID();
  await post('outreach', '/v1/households', { householdId, villageCode: 'thon-2' });
  await post('outreach', '/v1/residents', {
    householdId,
    villageCode: 'thon-2',
    birthYear: 1975,
    consent: true,
  });
  // Registered by their citizen ID (born 1990), in no household.
  const alone = await post('outreach', '/v1/residents', {
    citizenId: '068190777001',
    villageCode: 'thon-2',
    birthYear: 1990,
    consent: false,
  });
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await chooseVillage(page, 'thon-2');
  await page.getByTestId('village-list').waitFor();
  const options = await page.getByLabel('Hộ gia đình').locator('option').allTextContents();
  expect(options).toContain('Hộ chưa có mã: sinh năm 1975 (1)');
  // A household not on the list: the village's people in no household can be ticked.
  await page.getByLabel('Tài khoản định danh điện tử VNeID').check();
  const residents = page.getByTestId('residents');
  await residents.getByText('Người chưa thuộc hộ nào').waitFor();
  await residents.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Lưu lượt thăm' }).click();
  await page.getByText('Lượt thăm đã gửi: 1').waitFor();
  // The visit guided them: their VNeID stage is recorded, from the phone.
  const resident = await outreachRead<{ stages: Record<string, string | null> }>(
    `/v1/residents/${alone['residentKey']}`,
  );
  expect(resident.stages['vneid']).toBe('guided');
  await page.close();
});

it('shows a visit the service refused, and keeps it on the phone instead of dropping it', async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  await chooseVillage(page, 'thon-1');
  await page.getByLabel('Sổ sức khỏe điện tử').check();
  await page.getByLabel('Ghi chú (không ghi số giấy tờ, số điện thoại)').fill('Gọi lại số 0912345678');
  await page.getByRole('button', { name: 'Lưu lượt thăm' }).click();
  await page.getByRole('alert').filter({ hasText: 'Bị từ chối' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Bị từ chối' });
  await alert.waitFor();
  // It says which field and why, in the form's own words.
  expect(await alert.textContent()).toContain(
    'Ghi chú (không ghi số giấy tờ, số điện thoại): Ghi chú không được chứa số CCCD hay số điện thoại.',
  );
  expect(await visitsInThon1()).toBe(1); // only the earlier test's visit
  // Once read, the volunteer lets it go.
  await alert.getByRole('button', { name: 'Đã xem, bỏ mục này' }).click();
  await alert.waitFor({ state: 'detached' });
  await page.close();
});

it('shows the quarter’s report with its deadline and downloads it as a workbook that opens', async () => {
  const page = await browser.newPage({ viewport: DESKTOP, locale: 'vi-VN', acceptDownloads: true });
  await signIn(page, TEAM_PASSWORD, 'vhxh.can.bo'); // the culture–society office files the report
  await page.getByRole('button', { name: 'Báo cáo' }).click();
  await page.getByLabel('Quý').selectOption('2026-Q3');
  await page.getByTestId('report-status').filter({ hasText: 'Quá hạn, chưa nộp' }).waitFor();
  await page.getByText('Hạn nộp (trước ngày): 20/09/2026').waitFor();
  // The preview: the commune's figures on the 19th (the report is due before the 20th), with the year's target.
  await page.getByTestId('report-preview').getByText('số liệu đến ngày 19/09/2026').waitFor();
  expect(
    await page.locator('[data-testid="report-preview"] tr[data-indicator="vneid"] td').nth(3).textContent(),
  ).toBe('92%');
  await page.getByText('Chưa nộp báo cáo nào.').waitFor();

  // The office writes its part: difficulties and proposals, carried by the report.
  await page.getByLabel('Khó khăn, vướng mắc').fill('Nhiều hộ ở xa, sóng yếu');
  await page.getByLabel('Đề xuất, kiến nghị').fill('Hỗ trợ điện thoại thông minh cho hộ nghèo');
  await page.getByRole('button', { name: 'Lưu phần của phòng' }).click();
  await page.getByTestId('notes').locator('article').filter({ hasText: 'Nhiều hộ ở xa, sóng yếu' }).waitFor();
  // Said, and still said once the report has been read again with the notes in it.
  await page.getByTestId('notes').getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();

  // Submitted with its number and signer (after the office confirms), it is frozen and listed as filed.
  await page.getByLabel('Số văn bản (…/BC-UBND)').fill('27');
  await page.getByLabel('Thẩm quyền ký').selectOption('KT. CHỦ TỊCH');
  await page.getByLabel('Chức vụ người ký').fill('Phó Chủ tịch');
  await page.getByLabel('Họ và tên người ký').fill('Nguyễn Thị Lan');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
  await page.getByTestId('report-status').filter({ hasText: 'Đã nộp' }).waitFor();
  await page.getByTestId('filed').getByRole('button', { name: 'Quý III/2026' }).waitFor();
  expect(await page.getByRole('button', { name: 'Nộp báo cáo' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Lưu phần của phòng' }).count()).toBe(0);
  await page.getByLabel('Quý').selectOption('2026-Q4');
  await page.getByTestId('filed').getByRole('button', { name: 'Quý III/2026' }).click();
  await page.getByTestId('report-status').filter({ hasText: 'Đã nộp' }).waitFor();
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'reports-desktop.png'), fullPage: true });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải báo cáo (XLSX)' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('bao-cao-2026-Q3.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await file.path());
  const form = book.getWorksheet('Báo cáo')!;
  expect(String(form.getCell('A6').value)).toMatch(/quý III năm 2026/i);
  expect(String(form.getCell('A3').value)).toBe('Số: 27/BC-UBND');
  expect(book.getWorksheet('Khó khăn, đề xuất')!.getRow(3).values).toContain('Nhiều hộ ở xa, sóng yếu');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải báo cáo (PDF)' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe('bao-cao-2026-Q3.pdf');
  const text = (await pdfPages(readFileSync(await pdf.path()))).map((p) => p.text).join(' ');
  expect(text).toContain('KT. CHỦ TỊCH PHÓ CHỦ TỊCH');
  expect(text).toContain('Nguyễn Thị Lan');
  await page.close();
});

it('lets the province return the filed report with a comment, the commune file it again, and the province accept it', async () => {
  const province = await browser.newPage({ viewport: DESKTOP, locale: 'vi-VN' });
  await signIn(province, TEAM_PASSWORD, 'so.khcn');
  // The department sees the communes' reports, not a commune of its own.
  await province.getByRole('heading', { name: 'Báo cáo các xã' }).waitFor();
  expect(await province.getByRole('button', { name: 'Tổng quan' }).count()).toBe(0);
  await province.getByLabel('Quý').selectOption('2026-Q3');
  const line = province.locator(`li[data-commune="${COMMUNE}"]`);
  await line.getByTestId('province-status').filter({ hasText: 'Đã nộp' }).waitFor();
  await line.getByText('Bản 1').waitFor();
  await line.getByLabel('Cần sửa gì (ý kiến gửi xã)').fill('Bổ sung ý kiến của Phòng Kinh tế');
  await line.getByRole('button', { name: 'Trả lại' }).click();
  await line.getByTestId('province-status').filter({ hasText: 'Sở trả lại' }).waitFor();
  if (SCREENSHOTS)
    await province.screenshot({ path: join(SCREENSHOTS, 'province-reports-desktop.png'), fullPage: true });

  const office = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(office, TEAM_PASSWORD, 'vhxh.can.bo');
  await office.getByRole('button', { name: 'Báo cáo' }).click();
  await office.getByLabel('Quý').selectOption('2026-Q3');
  await office.getByTestId('report-status').filter({ hasText: 'Sở trả lại' }).waitFor();
  await office
    .getByTestId('province-comment')
    .filter({ hasText: 'Bổ sung ý kiến của Phòng Kinh tế' })
    .waitFor();
  await office.getByTestId('versions').getByText('Bản 1').waitFor();
  if (SCREENSHOTS)
    await office.screenshot({ path: join(SCREENSHOTS, 'report-returned-phone.png'), fullPage: true });
  await office.getByLabel('Số văn bản (…/BC-UBND)').fill('31');
  office.once('dialog', (dialog) => void dialog.accept());
  await office.getByRole('button', { name: 'Nộp báo cáo' }).click();
  await office.getByTestId('report-status').filter({ hasText: 'Đã nộp' }).waitFor();

  await province.reload();
  await province.getByLabel('Quý').selectOption('2026-Q3');
  await line.getByText('Bản 2').waitFor();
  province.once('dialog', (dialog) => void dialog.accept());
  await line.getByRole('button', { name: 'Chấp nhận' }).click();
  await line.getByTestId('province-status').filter({ hasText: 'Sở đã chấp nhận' }).waitFor();
  await office.reload();
  await office.getByRole('button', { name: 'Báo cáo' }).click();
  await office.getByLabel('Quý').selectOption('2026-Q3');
  await office.getByTestId('report-status').filter({ hasText: 'Sở đã chấp nhận' }).waitFor();
  expect(await office.getByRole('button', { name: 'Nộp báo cáo' }).count()).toBe(0);
  await province.close();
  await office.close();
});

it('installs as an app and opens with no connection (the app shell is kept by a service worker)', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  const page = await context.newPage();
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).waitFor();
  // Evaluated in the page (strings: this file is compiled without the DOM types).
  const manifest = (await page.evaluate(`(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    return link ? (await fetch(link.href)).json() : null;
  })()`)) as { short_name: string; icons: unknown[] } | null;
  expect(manifest).toMatchObject({ short_name: 'Tổ CNSCĐ' });
  expect(manifest!.icons.length).toBeGreaterThanOrEqual(2);
  await page.evaluate(`navigator.serviceWorker.ready.then(() => true)`);

  await context.setOffline(true);
  await page.reload({ waitUntil: 'domcontentloaded', timeout: 8000 });
  await page.getByRole('button', { name: 'Ghi thăm hộ' }).click({ timeout: 8000 });
  await page.getByText('Mất kết nối').waitFor({ timeout: 8000 });
  await page.getByRole('button', { name: 'Lưu lượt thăm' }).waitFor({ timeout: 8000 });
  await context.close();
});

it('lists the village teams, flags a Zalo group name that breaks the rule and a team gone quiet', async () => {
  const team = await post('training', '/v1/teams', {
    villageCode: 'thon-2',
    villageName: 'Thôn 2',
    communeName: 'Demo',
  });
  await post('training', '/v1/teams/zalo-group-names', { teamId: team['teamId'], name: 'CNSCD thon 2' });

  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page);
  await page.getByRole('button', { name: 'Tổ CNSCĐ' }).click();
  const card = page.locator('article.team[data-village="thon-2"]');
  await card.waitFor();
  expect(await card.getByTestId('zalo').textContent()).toContain('cần đặt là CNSCĐ_Thôn 2_Demo');
  expect(await card.getByTestId('quiet').textContent()).toContain('chưa có tổ trưởng');
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'teams-phone.png'), fullPage: true });
  await page.close();
});

it('shows merchants’ QR onboarding by village, OCOP products not online, and each street against the criteria', async () => {
  const streetId = randomUUID();
  await post('merchants', '/v1/streets', { streetId, name: 'Đường Lê Lợi', villageCodes: ['thon-1'] });
  const shop = (businessName: string) => ({
    merchantId: randomUUID(),
    kind: 'shop',
    businessName,
    villageCode: 'thon-1',
    streetId,
    openedOn: '2025-01-01',
  });
  const [withQr, without] = [shop('Tạp hóa Hòa'), shop('Quán phở Lan')];
  for (const m of [withQr, without]) await post('merchants', '/v1/merchants', m, 'economic');
  await post(
    'merchants',
    '/v1/onboarding/steps',
    { merchantId: withQr.merchantId, step: 'qr-issued' },
    'agribank',
  );
  await post(
    'merchants',
    '/v1/ocop/products',
    { merchantId: without.merchantId, productId: randomUUID(), name: 'Mật ong rừng', stars: 3 },
    'economic',
  );

  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page);
  await page.getByRole('button', { name: 'Kinh doanh' }).click();
  const thon1 = page.locator('[data-testid="onboarding"] tr[data-village="thon-1"]');
  await thon1.waitFor();
  expect(await thon1.locator('td[data-stage="none"]').textContent()).toBe('1');
  expect(await thon1.locator('td[data-stage="qr-issued"]').textContent()).toBe('1');
  // On a 360-px phone the whole table and every heading fit: nothing clipped or off the screen.
  const overflowing = await page.evaluate(`(() => {
    const table = document.querySelector('[data-testid="onboarding"]');
    const cut = [...table.querySelectorAll('th')].filter((th) => th.scrollWidth > th.clientWidth + 1);
    return { table: table.getBoundingClientRect().right > window.innerWidth + 1, headings: cut.length };
  })()`);
  expect(overflowing).toEqual({ table: false, headings: 0 });
  // Villages by their registered names.
  const ocop = 'Mật ong rừng (★★★) — Quán phở Lan, Thôn 1';
  expect(await textOnceShown(page.getByTestId('ocop'), ocop)).toBe(ocop);
  const street = page.locator('article[data-place="Đường Lê Lợi"]');
  await street.waitFor();
  // Issued is not yet counted: a QR code counts once it is posted and verified.
  expect(await street.getByTestId('progress').textContent()).toBe('Cơ sở có mã QR được tính: 0/2 (0%)');
  expect(await street.getByTestId('verdict').textContent()).toContain('còn thiếu cơ sở có QR:');
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'merchants-phone.png'), fullPage: true });
  await page.close();
});

it('opens a village from the dashboard: its figures, its team with the roster, and who is still to visit', async () => {
  const householdId = randomUUID();
  await post('outreach', '/v1/households', { householdId, villageCode: 'thon-3', code: 'H-007' });
  await post('outreach', '/v1/residents', {
    householdId,
    villageCode: 'thon-3',
    birthYear: 1980,
    consent: true,
  });
  await post('outreach', '/v1/visits', {
    villageCode: 'thon-3',
    householdId,
    occurredAt: '2026-11-01T09:00:00+07:00',
    topics: ['vneid'],
    followUp: { topics: ['vneid'], dueBy: '2026-11-10' },
  });
  await post('indicators', '/v1/denominators', {
    villageCode: 'thon-3',
    ageBand: '14+',
    count: 10,
    source: 'Công an xã, dữ liệu dân cư',
    effectiveDate: '2026-01-01',
  });
  const team = await post('training', '/v1/teams', {
    villageCode: 'thon-3',
    villageName: 'Thôn 3',
    communeName: 'Demo',
  });
  const memberId = randomUUID();
  await post('training', '/v1/teams/members', {
    teamId: team['teamId'],
    memberId,
    displayName: 'Nguyễn Thị Lan',
    affiliation: 'women-union',
    joinedOn: '2026-03-01',
    consent: true,
  });
  await post('training', '/v1/teams/leaders', { teamId: team['teamId'], memberId, since: '2026-03-01' });

  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page, TEAM_PASSWORD, 'vhxh.can.bo');
  await page.locator('thead').getByRole('button', { name: 'Thôn 3', exact: true }).click();
  await page.getByRole('heading', { name: 'Tổ CNSCĐ của thôn' }).waitFor();
  // The village's own figure: nobody of its 10 residents aged 14+ has VNeID yet.
  const vneid = page.locator('[data-testid="village-values"] tr[data-indicator="vneid"] td:nth-child(2)');
  expect(await textOnceShown(vneid, '0%')).toBe('0%');
  expect(await page.getByTestId('roster').textContent()).toBe(
    'Nguyễn Thị Lan (tổ trưởng) — Hội Phụ nữ, từ 01/03/2026',
  );
  const household = page.locator('[data-testid="worklist"] li[data-household="H-007"]');
  expect(await household.textContent()).toBe('H-007: sinh năm 1980 (chưa)');
  const followUp = page.getByTestId('follow-ups').locator('li');
  expect(await followUp.textContent()).toBe('H-007: Tài khoản định danh điện tử VNeID — hạn 10/11/2026');
  expect(await followUp.getAttribute('class')).toBe('overdue');
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'village-phone.png'), fullPage: true });

  // In a dead zone the overview and the worklist are still there: the copies kept on the phone, dated.
  await page.evaluate(`navigator.serviceWorker.ready.then(() => true)`);
  await page.context().setOffline(true);
  await page.reload({ waitUntil: 'domcontentloaded', timeout: 8000 });
  await page.getByTestId('kept-copy').filter({ hasText: 'Không có kết nối' }).waitFor();
  expect(await cellOf(page, 'vneid', 'thon-3', '0%')).toBe('0%');
  await page.getByRole('button', { name: 'Thôn', exact: true }).click();
  await page.locator('select[name="village"]').selectOption({ label: 'Thôn 3' });
  expect(await household.textContent()).toBe('H-007: sinh năm 1980 (chưa)');
  await page.getByTestId('kept-copy').waitFor();
  if (SCREENSHOTS)
    await page.screenshot({ path: join(SCREENSHOTS, 'village-offline-phone.png'), fullPage: true });
  await page.context().setOffline(false);
  await page.close();
});

it('keeps the refresh token out of the page: an httpOnly cookie the web server holds, which still refreshes', async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByTestId('who').waitFor();
  const stored = await page.evaluate("localStorage.getItem('cnscd.session') ?? ''");
  expect(stored).not.toContain('refreshToken');
  expect(await page.evaluate('document.cookie')).not.toContain('cnscd_refresh');
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'cnscd_refresh');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/identity/v1/sessions' });
  // An expired access token is refreshed with the cookie: the next screen loads.
  await editStoredSession(page, "s.accessToken = 'expired'");
  await page.getByRole('button', { name: 'Tổ CNSCĐ' }).click();
  await page
    .getByRole('heading', { name: /Tổ CNSCĐ/ })
    .first()
    .waitFor();
  expect(await page.getByTestId('session-ended').count()).toBe(0);
  // Signing out revokes it on the server and clears it.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  expect((await page.context().cookies()).filter((c) => c.name === 'cnscd_refresh' && c.value)).toEqual([]);
  await page.close();
});

it('takes the user back to sign-in when the sign-in has ended, saying why', async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page, TEAM_PASSWORD, 'thon1.to.truong');
  await page.getByTestId('who').waitFor();
  // The overview has loaded: no read of it is still on its way with the old token.
  await page.locator('tr[data-indicator="vneid"] td[data-village="*"]').waitFor();
  await page.locator('[data-testid="trend"] canvas').waitFor();
  // Both tokens no longer valid (as after 30 days, a revocation, or a disabled account).
  await editStoredSession(page, "s.accessToken = 'expired'");
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Tổ CNSCĐ' }).click();
  await page.getByTestId('session-ended').waitFor();
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  expect(await page.locator('nav').count()).toBe(0);
  await page.close();
});

it('shows each organisation only the screens it may use; the services still refuse the rest', async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
  await signIn(page, TEAM_PASSWORD, 'cong.an');
  await page.getByTestId('who').filter({ hasText: 'Công an xã' }).waitFor();
  const screens = await page.locator('nav button').allTextContents();
  // The commune police record visits and read indicators; merchants, teams and reports are not theirs.
  expect(screens).toEqual(['Tổng quan', 'Thôn', 'Ghi thăm hộ', 'Báo cáo']);

  // A session on the phone claiming more than the organisation has is still refused by the service,
  // and the screen says so instead of loading for ever.
  await editStoredSession(page, "s.user.scopes.push('merchants:read')");
  await page.reload();
  await page.getByRole('button', { name: 'Kinh doanh' }).click();
  await page.getByText('Tài khoản của bạn không xem được mục này.').first().waitFor();
  await page.close();
});
