import type { ExternalScope } from '../../platform/db/strategy-tables.ts'

export const scopes: readonly ExternalScope[] = ['regional', 'national']
export const scopeLabels: Record<ExternalScope, string> = { regional: 'Regional', national: 'National' }
