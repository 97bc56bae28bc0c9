import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { get } from './api';
import { TICK_SPACE, monthTicks } from './chart-axis';
import { i18n, t } from './i18n';

interface Point {
  readonly day: string;
  readonly value: number | null;
  readonly target: number;
}

/**
 * How one indicator evolved for the whole commune, week by week from the start of last year to the
 * chosen day, with its target line (the yearly milestones of the plan).
 */
export function TrendChart({
  indicator,
  kind,
  date,
  knownOn,
}: {
  indicator: string;
  /** A count (streets, markets) is drawn as a count, a share as a percentage. */
  kind: 'residents' | 'merchants' | 'count' | undefined;
  date: string;
  knownOn: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: uPlot | undefined;
    let cancelled = false;
    const from = `${Number(date.slice(0, 4)) - 1}-01-01`;
    const query = new URLSearchParams({
      from,
      to: date,
      grain: 'week',
      indicator,
      village: '*',
      ...(knownOn ? { knownOn } : {}),
    });
    void get<{ series: { points: Point[] }[] }>(`/api/indicators/v1/series?${query}`).then((r) => {
      const el = box.current;
      if (cancelled || !el) return;
      const points = r.series[0]?.points ?? [];
      const counts = kind === 'count';
      const shown = (v: number | null) => (v === null ? null : counts ? v : Math.round(v * 1000) / 10);
      const top = Math.max(1, ...points.flatMap((p) => [p.value ?? 0, p.target])) + 1;
      plot = new uPlot(
        chartOptions(Math.max(280, el.clientWidth), counts ? top : null),
        [
          points.map((p) => Date.parse(`${p.day}T00:00:00+07:00`) / 1000),
          points.map((p) => shown(p.value)),
          points.map((p) => shown(p.target)),
        ],
        el,
      );
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
  }, [indicator, kind, date, knownOn]);
  return <div class="trend" ref={box} data-testid="trend" />;
}

/** The chart's axes and lines; `countTop`: the y axis's top for a count, null for a share (0–100%). */
function chartOptions(width: number, countTop: number | null): uPlot.Options {
  const counts = countTop !== null;
  return {
    width,
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Ho_Chi_Minh'),
    scales: { y: { range: counts ? [0, countTop] : [0, 100] } },
    series: [
      { label: t('week') },
      { label: t('value'), stroke: '#b71c1c', width: 2 },
      { label: t('target'), stroke: '#2e7d32', width: 1, dash: [6, 4] },
    ],
    axes: [
      { space: TICK_SPACE, values: (_u, ticks) => monthTicks(ticks, i18n.language) },
      { values: (_u, ticks) => ticks.map((v) => (counts ? `${v}` : `${v}%`)) },
    ],
    fmtDate: () => (d: Date) => d.toLocaleDateString(i18n.language === 'vi' ? 'vi-VN' : 'en-GB'),
  };
}
