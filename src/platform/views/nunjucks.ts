import type { Environment } from 'nunjucks'
import { join } from 'node:path'
import { formatUkDate, formatUkDateTime } from '../dates/index.ts'

const root = join(import.meta.dirname, '..', '..', '..')

/** Shared layouts, each feature's views, then govuk-frontend's macros. */
export const templatePaths = [join(root, 'src', 'views'), join(root, 'src', 'features'), join(root, 'node_modules', 'govuk-frontend', 'dist')]

export const nunjucksOptions = { autoescape: true, throwOnUndefined: false, noCache: process.env.NODE_ENV === 'development' }

export function addFilters(env: Environment): void {
  env.addFilter('ukDate', formatUkDate)
  env.addFilter('ukDateTime', formatUkDateTime)
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2))
}
