/**
 * A village's work in a period, as a team's report and the commune's quarterly report both count it:
 * door-to-door visits, activities and the people they reached, training sessions (core-spreader ones
 * among them) and their attendance.
 */
export interface WorkFigures {
  visits: number;
  activities: number;
  peopleReached: number;
  sessions: number;
  coreSpreaderSessions: number;
  attendance: number;
}

export const noWork = (): WorkFigures => ({
  visits: 0,
  activities: 0,
  peopleReached: 0,
  sessions: 0,
  coreSpreaderSessions: 0,
  attendance: 0,
});
