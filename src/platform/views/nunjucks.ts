import nunjucks from 'nunjucks'
import { join } from 'node:path'
import { formatUkDate, formatUkDateTime } from './dates.ts'

const root = join(import.meta.dirname, '..', '..', '..')

/** The Nunjucks environment: shared layouts, each feature's views, govuk-frontend macros. */
export function createNunjucks(): nunjucks.Environment {
  const env = nunjucks.configure(
    [join(root, 'src', 'views'), join(root, 'src', 'features'), join(root, 'node_modules', 'govuk-frontend', 'dist')],
    { autoescape: true, throwOnUndefined: false, noCache: process.env.NODE_ENV === 'development' },
  )
  env.addFilter('ukDate', formatUkDate)
  env.addFilter('ukDateTime', formatUkDateTime)
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2))
  return env
}
