/** One row of the alignment matrix: a local outcome or commitment and the external priorities it serves. */
export interface MatrixRow {
  kind: 'outcome' | 'commitment'
  id: string
  label: string
  /** The priorities of the chosen framework it serves, by id. */
  aligned: string[]
}

export interface MatrixPriority {
  id: string
  title: string
}

export interface AlignmentLink {
  localId: string
  priorityId: string
}

/**
 * The matrix: the outcomes, then the commitments, of the framework in force,
 * each against the chosen external framework's priorities; and the priorities
 * nothing local serves, which are the gaps the matrix exists to show.
 */
export function buildMatrix(
  outcomes: readonly { id: string; title: string }[],
  commitments: readonly { id: string; text: string }[],
  priorities: readonly MatrixPriority[],
  outcomeLinks: readonly AlignmentLink[],
  commitmentLinks: readonly AlignmentLink[],
): { rows: MatrixRow[]; unserved: MatrixPriority[] } {
  const known = new Set(priorities.map((p) => p.id))
  const alignedTo = (links: readonly AlignmentLink[], id: string) =>
    priorities.filter((p) => links.some((l) => l.localId === id && l.priorityId === p.id)).map((p) => p.id)
  const rows: MatrixRow[] = [
    ...outcomes.map((o) => ({ kind: 'outcome' as const, id: o.id, label: o.title, aligned: alignedTo(outcomeLinks, o.id) })),
    ...commitments.map((c) => ({ kind: 'commitment' as const, id: c.id, label: c.text, aligned: alignedTo(commitmentLinks, c.id) })),
  ]
  const served = new Set(rows.flatMap((r) => r.aligned).filter((id) => known.has(id)))
  return { rows, unserved: priorities.filter((p) => !served.has(p.id)) }
}

/** The set of aligned priorities as one text, carried by the form so a change made meanwhile is noticed rather than overwritten. */
export function fingerprint(priorityIds: readonly string[]): string {
  return [...priorityIds].sort().join(',')
}

// A CSV field, quoted when it needs to be and a leading formula character defused: the one CSV writer's.
export { csvField } from '../../platform/files/csv.ts'
