import type { ChartBody } from './layout.ts'

export interface TreeNode<B extends ChartBody> {
  body: B
  reports: TreeNode<B>[]
}

/**
 * The same structure as the chart, as a nested list by accountability: a body
 * whose accountable body is not shown (none, ended, or filtered out) starts a
 * tree of its own. Names in alphabetical order at every level.
 */
export function accountabilityTree<B extends ChartBody>(bodies: readonly B[]): TreeNode<B>[] {
  const sorted = [...bodies].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
  const present = new Set(sorted.map((b) => b.id))
  const nodes = new Map(sorted.map((b) => [b.id, { body: b, reports: [] as TreeNode<B>[] }]))
  const roots: TreeNode<B>[] = []
  for (const b of sorted) {
    const node = nodes.get(b.id) as TreeNode<B>
    const parent = b.accountable_to_id && present.has(b.accountable_to_id) ? nodes.get(b.accountable_to_id) : undefined
    if (parent) parent.reports.push(node)
    else roots.push(node)
  }
  return roots
}
