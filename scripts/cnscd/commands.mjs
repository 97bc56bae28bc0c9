// The analysts' tool's commands (scripts/cnscd.mjs; docs/analysts.md). Each reads pages from the
// deployment's HTTP API with the analyst's key and writes NDJSON or CSV to `out`, progress to stderr.
import { columnsOf, csvWriter, progress } from './client.mjs';

/** The services whose events analysts may export (identity's keys and users are not for export). */
const EVENT_SERVICES = ['outreach', 'merchants', 'training', 'indicators'];

/** Pages of one service's events, one page ahead: `head` is the next event, `next()` moves on. */
async function eventCursor(api, service, period) {
  let page = await api.get(service, '/v1/events', { ...period, limit: 2000 });
  let i = 0;
  const cursor = {
    service,
    count: 0,
    get head() {
      return page.items[i];
    },
    async next() {
      i++;
      cursor.count++;
      if (i < page.items.length || page.next === null) return;
      page = await api.get(service, '/v1/events', { to: period.to, after: page.next, limit: 2000 });
      i = 0;
    },
  };
  return cursor;
}

/** Every event of the commune recorded in the period, all services merged in stream order, as NDJSON. */
export async function events(api, out, { from, to }) {
  const cursors = await Promise.all(EVENT_SERVICES.map((s) => eventCursor(api, s, { from, to })));
  const shown = progress('events');
  let total = 0;
  for (;;) {
    const live = cursors.filter((c) => c.head);
    if (live.length === 0) break;
    const first = live.reduce((a, b) => (b.head.position < a.head.position ? b : a));
    out.write(`${JSON.stringify(first.head)}\n`);
    await first.next();
    if (++total % 1000 === 0)
      shown.update(`${total} (${cursors.map((c) => `${c.service} ${c.count}`).join(', ')})`);
  }
  shown.done(`${total} (${cursors.map((c) => `${c.service} ${c.count}`).join(', ')})`);
}

const known = (o) => ({ knownOn: o['known-on'], knownAt: o['known-at'] });

/** Every indicator of the commune (`*`) and each village on one day, as of `date`, as known then. */
export async function values(api, out, o) {
  const body = await api.get('indicators', '/v1/values', { date: o.date, ...known(o) });
  const write = csvWriter(out, ['date', 'knownAt', ...columnsOf(body.values)]);
  for (const v of body.values) write({ date: body.date, knownAt: body.knownAt, ...v });
  progress('values').done(`${body.values.length} dòng / rows, ${body.date}`);
}

/** The series between two days, one row per indicator, village and period. */
export async function series(api, out, o) {
  const body = await fetchSeries(api, o);
  let write;
  let rows = 0;
  for (const s of body.series)
    for (const p of s.points) {
      const row = { indicator: s.indicator, village: s.village, villageName: s.villageName, ...p };
      write ??= csvWriter(out, columnsOf([row]));
      write(row);
      rows++;
    }
  progress('series').done(`${rows} dòng / rows, ${body.from} … ${body.to} (${body.grain})`);
}

const fetchSeries = (api, o) =>
  api.get('indicators', '/v1/series', {
    from: o.from,
    to: o.to,
    grain: o.grain,
    indicator: o.indicator,
    village: o.village,
    ...known(o),
  });

/** Every visit (of a village, a period), a page at a time. */
export async function visits(api, out, o) {
  const shown = progress('visits');
  let write;
  let total = 0;
  for (let after; ;) {
    const page = await api.get('outreach', '/v1/visits', {
      village: o.village,
      from: o.from,
      to: o.to,
      after,
      limit: 500,
    });
    write ??= page.items.length > 0 ? csvWriter(out, columnsOf(page.items)) : undefined;
    for (const v of page.items) write(v);
    total += page.items.length;
    shown.update(String(total));
    if (page.next === null || page.items.length === 0) break;
    after = page.next;
  }
  shown.done(String(total));
}

/** Residents, pseudonymous (key, birth year, village, stages), of one village or of every village. */
export async function residents(api, out, o) {
  const villages = o.village ? [o.village] : await villagesOf(api);
  const shown = progress('residents');
  let write;
  let total = 0;
  for (const village of villages)
    for (let after; ;) {
      const page = await api.get('outreach', '/v1/residents', { village, after, limit: 500 });
      write ??= page.items.length > 0 ? csvWriter(out, columnsOf(page.items)) : undefined;
      for (const r of page.items) write(r);
      total += page.items.length;
      shown.update(`${total} (${village})`);
      if (page.next === null || page.items.length === 0) break;
      after = page.next;
    }
  shown.done(`${total} (${villages.length} thôn / villages)`);
}

/** The commune's villages, as the indicators know them today. */
async function villagesOf(api) {
  const body = await api.get('indicators', '/v1/values');
  return [...new Set(body.values.map((v) => v.village).filter((v) => v !== '*'))].sort();
}

const BARS = '▁▂▃▄▅▆▇█';
/** A share for residents' and merchants' indicators (a population estimate, or one missing), else a count. */
const isShare = (p) => p.denominator !== null || p.missing === 'estimate';
/** What a point shows: the share when known, else the count (a village without a population estimate). */
const figure = (p) => (p.denominator !== null ? p.value : p.numerator);
const format = (p, v) =>
  v === null || v === undefined ? '—' : p.denominator !== null ? `${(v * 100).toFixed(1)}%` : String(v);

/** How each indicator of a village (default: the commune) evolved over the period: a table with a bar per period. */
export async function replay(api, out, o) {
  const body = await fetchSeries(api, { grain: 'month', village: '*', ...o });
  const width = Math.max(...body.series.map((s) => s.indicator.length));
  const place = body.series[0]?.villageName ?? o.village ?? '*';
  out.write(
    `${body.from} … ${body.to}, ${body.grain}, ${place}${body.knownAt ? `, as known at ${body.knownAt}` : ''}\n`,
  );
  for (const s of body.series) {
    const figures = s.points.map(figure);
    const top = Math.max(...figures.map((v) => v ?? 0), 1e-9);
    const bars = figures
      .map((v) => (v === null ? ' ' : BARS[Math.min(7, Math.floor((v / top) * 7.999))]))
      .join('');
    const [first, last] = [s.points[0], s.points.at(-1)];
    const target = last ? (isShare(last) ? `${(last.target * 100).toFixed(1)}%` : String(last.target)) : '—';
    out.write(
      `${s.indicator.padEnd(width)}  ${bars}  ${format(first, figure(first)).padStart(7)} → ` +
        `${format(last, figure(last)).padStart(7)}  (mục tiêu / target ${target})\n`,
    );
  }
}
