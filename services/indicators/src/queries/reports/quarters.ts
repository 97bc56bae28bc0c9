import { addDays } from '../engine/days';

export interface Quarter {
  readonly id: string;
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly start: string;
  readonly end: string;
  /** Due before the 20th of the quarter's last month (docs/mission/PLAN.md): this is the 20th, the first day late. */
  readonly deadline: string;
  /**
   * The last day the report's figures can count: the day before the deadline. A report is due before
   * the quarter ends, so it cannot speak for the quarter's last days; they fall in the next quarter's.
   */
  readonly cutoff: string;
}

export function quarterOf(id: string): Quarter {
  const m = /^([0-9]{4})-Q([1-4])$/.exec(id);
  if (!m) throw new Error(`Not a quarter: ${id}`);
  const year = Number(m[1]);
  const quarter = Number(m[2]) as 1 | 2 | 3 | 4;
  const lastMonth = String(quarter * 3).padStart(2, '0');
  const start = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
  const nextStart =
    quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  const deadline = `${year}-${lastMonth}-20`;
  return { id, year, quarter, start, end: addDays(nextStart, -1), deadline, cutoff: addDays(deadline, -1) };
}

/** The day a report submitted (or drafted) on `today` speaks for: today, or the quarter's cut-off once past it. */
export function reportDateOf(quarter: Quarter, today: string): string {
  return today < quarter.cutoff ? today : quarter.cutoff;
}

export const ROMAN = ['I', 'II', 'III', 'IV'] as const;
