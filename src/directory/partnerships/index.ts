// What other features use of partnerships: they import it from here, never from its files (lint holds this).
export { operatorOf } from './operator.ts'
