import type { FastifyError } from 'fastify'

/**
 * Errors that mean the service is too busy for this request rather than
 * broken: the page ran past its time budget (time-budget.ts), PostgreSQL
 * cancelled a statement that ran past statement_timeout, or no connection
 * came free in time. Each gets the 503 "busy" page, and the person can try again.
 */
export function isBusy(error: FastifyError | Error): boolean {
  const { code, statusCode } = error as FastifyError
  if (code === 'THRIVE_PAGE_TIMEOUT' || code === 'FST_ERR_HANDLER_TIMEOUT') return true
  // 57014 query_canceled: statement_timeout (or an operator) cancelled the statement.
  if (code === '57014' || code === '25P03') return true
  // pg's pool gives a plain Error when connectionTimeoutMillis passes with every connection in use.
  if (/timeout exceeded when trying to connect/i.test(error.message)) return true
  return statusCode === 503
}
