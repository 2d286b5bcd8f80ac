import type { TargetKind } from '../../src/platform/db/performance-tables.ts'

/**
 * The partnership's targets for its KPIs, for the latest periods with values
 * (and the one before, where the target stepped towards an ambition). Value
 * targets are the demo's own local trajectories, in the spirit of the seeds'
 * "acceptable or better performance on all Performance Indicators" (001
 * Appendix 2 aim 6); the others are against England or the statistical
 * neighbours, as partnerships commonly set them.
 */
export interface DemoTarget {
  /** Indicator key from demo/data/indicators.ts. */
  indicator: string
  period: string
  kind: TargetKind
  value?: number
  /** Comparator group key from demo/data/comparator-groups.ts. */
  group?: string
  amberTolerance: number
}

export const demoTargets: DemoTarget[] = [
  // Reduce Year 6 obesity towards England's level: a step of about a point a year.
  { indicator: 'year6-obesity', period: '2019/20', kind: 'value', value: 24.0, amberTolerance: 1.5 },
  { indicator: 'under-18-conceptions', period: '2021', kind: 'better-than-group', group: 'england', amberTolerance: 2 },
  { indicator: 'alcohol-admissions-under-18', period: '2021/22', kind: 'better-than-group', group: 'england', amberTolerance: 0 },
  // A stepped local trajectory towards the national ambition of 6% or less.
  { indicator: 'smoking-at-delivery', period: '2022/23', kind: 'value', value: 9.0, amberTolerance: 0.5 },
  { indicator: 'smoking-at-delivery', period: '2023/24', kind: 'value', value: 8.5, amberTolerance: 0.5 },
  // UKHSA's standard for the complete course is full coverage; 95% is the partnership's floor.
  { indicator: 'hepatitis-b-vaccination', period: '2023/24', kind: 'value', value: 95, amberTolerance: 5 },
  { indicator: 'absolute-low-income', period: '2021/22', kind: 'top-quartile-of-group', group: 'statistical-neighbours', amberTolerance: 0 },
  { indicator: 'absolute-low-income', period: '2022/23', kind: 'top-quartile-of-group', group: 'statistical-neighbours', amberTolerance: 0 },
]
