// What other features use of forward-plan: they import it from here, never from its files (lint holds this).
export { findPerson } from './repository.ts'
