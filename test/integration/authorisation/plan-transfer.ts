import type { Rule } from './rules.ts'

export const planTransferRules: Record<string, Rule> = {}
