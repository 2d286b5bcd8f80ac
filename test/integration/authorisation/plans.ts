import type { Rule } from './rules.ts'

export const planRules: Record<string, Rule> = {}
