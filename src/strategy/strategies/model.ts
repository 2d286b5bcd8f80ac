import type { StrategyStatus } from '../../platform/db/strategy-tables.ts'

export const strategyStatuses: readonly StrategyStatus[] = ['draft', 'active', 'ended', 'withdrawn']

export const strategyStatusLabels: Record<StrategyStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  ended: 'Ended',
  withdrawn: 'Withdrawn',
}

/** A strategy's period as partnerships write it: "2019–2022", or one year when it starts and ends in the same year. */
export function periodText(startsOn: string, endsOn: string): string {
  const [from, to] = [startsOn.slice(0, 4), endsOn.slice(0, 4)]
  return from === to ? from : `${from}–${to}`
}
