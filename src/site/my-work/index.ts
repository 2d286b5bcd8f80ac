// What other features use of my-work: they import it from here, never from its files (lint holds this).
export { linkedPerson } from './repository.ts'
