import { addMonths } from '../../platform/dates/index.ts'
import type { Recurrence } from '../../platform/db/tables.ts'

export const recurrences: readonly Recurrence[] = ['once', 'monthly', 'quarterly', 'six-monthly', 'annually']
export const recurrenceLabels: Record<Recurrence, string> = {
  once: 'Once',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  'six-monthly': 'Every six months',
  annually: 'Annually',
}
const monthsApart: Record<Exclude<Recurrence, 'once'>, number> = { monthly: 1, quarterly: 3, 'six-monthly': 6, annually: 12 }

export interface PlannedSchedule {
  first_due_on: string
  recurrence: Recurrence
  ends_on: string | null
}

/** The dates an item falls due from `from` to `to` inclusive, stopping at its end date. */
export function occurrences(item: PlannedSchedule, from: string, to: string): string[] {
  const last = item.ends_on && item.ends_on < to ? item.ends_on : to
  if (item.recurrence === 'once') return item.first_due_on >= from && item.first_due_on <= last ? [item.first_due_on] : []
  const step = monthsApart[item.recurrence]
  const dates: string[] = []
  for (let n = 0; ; n++) {
    // Counted from the first date each time, so 31 January monthly comes back to 31 March after 28 February.
    const due = addMonths(item.first_due_on, n * step)
    if (due > last) break
    if (due >= from) dates.push(due)
  }
  return dates
}

/** The first of a body's meetings (sorted by date, 'YYYY-MM-DD') on or after the due date, if one is scheduled. */
export function meetingFor<M extends { date: string }>(due: string, meetings: readonly M[]): M | undefined {
  return meetings.find((m) => m.date >= due)
}

export interface Occurrence<I> {
  item: I
  due: string
}

export interface PlacedMeeting<M, I> {
  meeting: M
  occurrences: Occurrence<I>[]
}

/**
 * One body's forward plan from `from` to `to`: its meetings in that time, each
 * with the occurrences placed against it, and the occurrences no meeting is
 * scheduled for yet. A meeting after `to` is shown too when something falls to it.
 * Meetings must be the body's, sorted by date.
 */
export function planForBody<I extends PlannedSchedule, M extends { date: string }>(
  items: readonly I[],
  meetings: readonly M[],
  from: string,
  to: string,
): { meetings: PlacedMeeting<M, I>[]; unplaced: Occurrence<I>[] } {
  const placed = new Map<M, Occurrence<I>[]>(meetings.filter((m) => m.date >= from && m.date <= to).map((m) => [m, []]))
  const unplaced: Occurrence<I>[] = []
  for (const item of items) {
    for (const due of occurrences(item, from, to)) {
      const meeting = meetingFor(due, meetings)
      if (!meeting) {
        unplaced.push({ item, due })
        continue
      }
      const list = placed.get(meeting) ?? []
      list.push({ item, due })
      placed.set(meeting, list)
    }
  }
  const byDue = (a: Occurrence<I>, b: Occurrence<I>) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)
  return {
    meetings: [...placed.entries()]
      .sort(([a], [b]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map(([meeting, list]) => ({ meeting, occurrences: list.sort(byDue) })),
    unplaced: unplaced.sort(byDue),
  }
}
