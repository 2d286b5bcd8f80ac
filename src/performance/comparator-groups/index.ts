// What other features use of comparator-groups: they import it from here, never from its files (lint holds this).
export { groupAreas, listGroups } from './repository.ts'
export type { Area, ComparatorGroup } from './repository.ts'
