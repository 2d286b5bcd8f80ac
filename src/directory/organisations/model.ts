import type { Sector } from '../../platform/db/tables.ts'

export const sectors: readonly Sector[] = ['local-authority', 'nhs', 'police', 'education', 'vcfs', 'other']

export const sectorLabels: Record<Sector, string> = {
  'local-authority': 'Local authority',
  nhs: 'NHS',
  police: 'Police',
  education: 'Education',
  vcfs: 'Voluntary, community and faith',
  other: 'Other',
}

export type StatusFilter = 'active' | 'archived' | 'all'
