// The rules of a report card ("turn the curve", Outcomes-Based Accountability):
// pure, so the pages and the demo agree on them.

/** Commentary says what the target lead knew on a day: that day cannot be in the future. */
export function writtenOnProblem(writtenOn: string, today: string): string | null {
  return writtenOn > today ? 'The date written must be today or in the past' : null
}

export interface PlanGroup<T> {
  planId: string
  planTitle: string
  objectives: T[]
}

/** Objectives under their plans, plans by title, each plan's objectives in the order given (aim, then position). */
export function byPlan<T extends { planId: string; planTitle: string }>(objectives: readonly T[]): PlanGroup<T>[] {
  const groups = new Map<string, PlanGroup<T>>()
  for (const o of objectives) {
    const group = groups.get(o.planId) ?? { planId: o.planId, planTitle: o.planTitle, objectives: [] }
    group.objectives.push(o)
    groups.set(o.planId, group)
  }
  return [...groups.values()].sort((a, b) => a.planTitle.localeCompare(b.planTitle, 'en-GB'))
}

export interface CommentaryEntry {
  written_on: string
  created_at: Date
}

/** Newest first, as a reader of a report card wants it: by the date written, then the later recorded first on the same day. */
export function newestFirst<T extends CommentaryEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.written_on.localeCompare(a.written_on) || b.created_at.getTime() - a.created_at.getTime())
}

/** A card with nothing written yet reads as "not started" rather than as three empty headings. */
export function isBlank(card: { story: string; partners: string; what_works: string } | undefined): boolean {
  return !card || (!card.story.trim() && !card.partners.trim() && !card.what_works.trim())
}
