import type { Rule } from './rules.ts'

export const frameworkRules: Record<string, Rule> = {}
