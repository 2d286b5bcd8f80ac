// What other features use of people: they import it from here, never from its files (lint holds this).
export { personLabel } from './model.ts'
export type { PeopleService } from './service.ts'
