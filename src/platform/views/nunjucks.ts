import type { Environment } from 'nunjucks'
import { join } from 'node:path'
import { formatUkDate, formatUkDateTime } from '../dates/index.ts'

const root = join(import.meta.dirname, '..', '..', '..')

/** The areas features are grouped in; a feature's views are named from its own folder ('meetings/views/show.njk'). */
export const areas = ['governance', 'strategy', 'performance', 'directory', 'site'] as const

/** Shared layouts, each area's features' views, then govuk-frontend's macros. */
export const templatePaths = [join(root, 'src', 'views'), ...areas.map((area) => join(root, 'src', area)), join(root, 'node_modules', 'govuk-frontend', 'dist')]

export const nunjucksOptions = { autoescape: true, throwOnUndefined: false, noCache: process.env.NODE_ENV === 'development' }

export function addFilters(env: Environment): void {
  env.addFilter('ukDate', formatUkDate)
  env.addFilter('ukDateTime', formatUkDateTime)
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2))
}
