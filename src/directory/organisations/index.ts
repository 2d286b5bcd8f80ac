// What other features use of organisations: they import it from here, never from its files (lint holds this).
export { sectorLabels, sectors } from './model.ts'
export { organisationOptions } from './repository.ts'
export type { OrganisationService } from './service.ts'
