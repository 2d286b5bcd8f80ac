import type { DataRequestStatus } from '../../src/platform/db/performance-tables.ts'

/**
 * Requests to partner organisations for values the partnership holds no
 * published source for at the time: illustrative, as the seeds name none.
 * Statuses are reached step by step as a person would (requested, then
 * submitted, then approved); one is still requested after its due date, so it
 * shows as late.
 */
export interface DemoDataRequest {
  /** Organisation key from demo/data/organisations.ts. */
  organisation: string
  periodLabel: string
  dueOn: string
  indicators: string[]
  notes: string
  status: DataRequestStatus
}

export const demoDataRequests: DemoDataRequest[] = [
  {
    organisation: 'ccg',
    periodLabel: '2019/20 Q3',
    dueOn: '2020-01-31',
    indicators: ['smoking-at-delivery', 'hepatitis-b-vaccination'],
    notes: 'Quarterly maternity and vaccination figures for Oldham mothers and children, ahead of the annual publication.',
    status: 'approved',
  },
  {
    organisation: 'council',
    periodLabel: '2019/20',
    dueOn: '2020-09-30',
    indicators: ['year6-obesity'],
    notes: 'National Child Measurement Programme results by district (from the 0–19 service), for the narrowing-the-gap view.',
    status: 'submitted',
  },
  {
    organisation: 'oldham-cares',
    periodLabel: '2019/20 Q4',
    dueOn: '2020-05-29',
    indicators: ['alcohol-admissions-under-18'],
    notes: 'Hospital admissions for alcohol-specific conditions among under-18s at the Royal Oldham Hospital, by district if possible.',
    status: 'requested',
  },
]
