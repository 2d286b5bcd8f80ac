// What other features use of partnership-settings: they import it from here, never from its files (lint holds this).
export { partnershipArea } from './repository.ts'
