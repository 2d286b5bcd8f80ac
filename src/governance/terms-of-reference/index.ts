// What other features use of terms-of-reference: they import it from here, never from its files (lint holds this).
export { reviewStatusLabels } from './model.ts'
export type { TermsOfReferenceService } from './service.ts'
