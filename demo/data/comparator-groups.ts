import type { GroupInput } from '../../src/performance/comparator-groups/schema.ts'

/**
 * What Oldham compares itself with: England, the North West, the ten Greater
 * Manchester boroughs (the GM Children's Plan's footprint, seed 000 §1.2) and
 * a list of statistical neighbours. The neighbours are the demo's own choice
 * and say so: a partnership uses the Department for Education's list.
 */
export const demoComparatorGroups: (Omit<GroupInput, 'areaCodes'> & { key: string; areaCodes: string[] })[] = [
  { key: 'england', name: 'England', kind: 'england', description: 'The national benchmark every Fingertips comparison uses.', areaCodes: ['E92000001'] },
  { key: 'north-west', name: 'North West', kind: 'region', description: 'Oldham’s region.', areaCodes: ['E12000002'] },
  {
    key: 'greater-manchester',
    name: 'Greater Manchester',
    kind: 'regional-partnership',
    description: 'The ten boroughs of the Greater Manchester Combined Authority, whose Children’s Plan the partnership aligns to.',
    areaCodes: ['E08000001', 'E08000002', 'E08000003', 'E08000004', 'E08000005', 'E08000006', 'E08000007', 'E08000008', 'E08000009', 'E08000010'],
  },
  {
    key: 'statistical-neighbours',
    name: 'Statistical neighbours (illustrative)',
    kind: 'statistical-neighbours',
    description:
      'Illustrative: ten northern and midland boroughs similar to Oldham in deprivation and population, chosen for the demo. A partnership replaces them with the Department for Education’s children’s services statistical neighbours.',
    areaCodes: ['E08000005', 'E08000001', 'E08000008', 'E08000010', 'E08000032', 'E08000033', 'E08000034', 'E06000008', 'E08000030', 'E08000028'],
  },
]
