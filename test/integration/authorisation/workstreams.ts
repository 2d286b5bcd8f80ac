import type { Rule } from './rules.ts'

export const workstreamRules: Record<string, Rule> = {}
