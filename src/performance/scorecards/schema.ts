import { z } from 'zod'

// The scorecard's filters, all GET parameters so they work without JavaScript
// and every filtered view has its own address (/scorecard?outcome=…).
export const scorecardFilters = z.object({
  outcome: z.string().uuid().optional().catch(undefined),
  body: z.string().uuid().optional().catch(undefined),
  benchmark: z.string().uuid().optional().catch(undefined),
  rag: z.enum(['green', 'amber', 'red', 'none']).optional().catch(undefined),
  comparison: z.enum(['better', 'similar', 'worse', 'higher-or-lower', 'not-compared']).optional().catch(undefined),
})
export type ScorecardFilters = z.infer<typeof scorecardFilters>
