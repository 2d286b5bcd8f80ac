// What other features use of external-frameworks: they import it from here, never from its files (lint holds this).
export type { ExternalFrameworkService } from './service.ts'
