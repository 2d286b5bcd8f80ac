import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView } from '../../platform/http/forms.ts'
import type { AuditFilterOptions, AuditService } from './service.ts'
import { auditPageHref, readAuditQuery, type AuditFilterValues } from './schema.ts'
import { actionLabel, comparisonRows, fieldLabel, kindLabel, pageItems, pageSize, type DateParts } from './model.ts'

function selectItems(options: AuditFilterOptions) {
  return {
    whoItems: [{ value: '', text: 'Anyone' }, ...options.actors.map((a) => ({ value: a.value, text: a.email ? `${a.label} (${a.email})` : a.label }))],
    kindItems: [{ value: '', text: 'Anything' }, ...options.kinds.map((kind) => ({ value: kind, text: kindLabel(kind) }))],
    actionItems: [{ value: '', text: 'Any action' }, ...options.actions.map((action) => ({ value: action, text: actionLabel(action) }))],
  }
}

function dateItems(parts: DateParts, hasError: boolean) {
  return (['day', 'month', 'year'] as const).map((unit) => ({
    name: unit,
    label: unit.charAt(0).toUpperCase() + unit.slice(1),
    value: parts[unit],
    inputmode: 'numeric',
    classes: `govuk-input--width-${unit === 'year' ? 4 : 2}${hasError ? ' govuk-input--error' : ''}`,
  }))
}

function paginationView(page: number, pages: number, values: AuditFilterValues) {
  if (pages <= 1) return null
  return {
    previous: page > 1 ? { href: auditPageHref(values, page - 1) } : undefined,
    next: page < pages ? { href: auditPageHref(values, page + 1) } : undefined,
    items: pageItems(page, pages).map((item) =>
      'ellipsis' in item ? { ellipsis: true } : { number: item.number, href: auditPageHref(values, item.number), current: item.number === page },
    ),
    landmarkLabel: 'Pages of the audit trail',
  }
}

export function auditRoutes(app: FastifyInstance, audit: AuditService): void {
  app.get('/admin/audit', async (request, reply) => {
    const actor = actorOf(request)
    const { filters, values, problems } = readAuditQuery(request.query)
    const options = await audit.filterOptions(actor)
    const page = {
      title: 'Audit trail',
      values,
      ...selectItems(options),
      fromItems: dateItems(values.from, Boolean(problems?.from)),
      toItems: dateItems(values.to, Boolean(problems?.to)),
      filtered: auditPageHref(values, 1) !== '/admin/audit',
    }
    if (problems) {
      reply.code(400)
      const errors = errorView(problems)
      // The summary links to the first box of the date, as GOV.UK date inputs expect.
      errors.list = errors.list.map((item) => ({ ...item, href: `${item.href}-day` }))
      return renderPage(request, reply, 'audit/views/list.njk', { ...page, errors, result: null })
    }
    const result = await audit.list(actor, filters)
    return renderPage(request, reply, 'audit/views/list.njk', {
      ...page,
      result,
      rows: result.rows.map((row) => ({ ...row, actionText: actionLabel(row.action), kindText: kindLabel(row.entity_type) })),
      firstShown: result.total === 0 ? 0 : (result.page - 1) * pageSize + 1,
      lastShown: (result.page - 1) * pageSize + result.rows.length,
      pagination: paginationView(result.page, result.pages, values),
    })
  })

  app.get('/admin/audit/:id', async (request, reply) => {
    const actor = actorOf(request)
    const event = await audit.get(actor, String((request.params as Record<string, unknown>).id ?? ''))
    const rows = comparisonRows(event.before, event.after).map((row) => ({ ...row, label: fieldLabel(row.field) }))
    return renderPage(request, reply, 'audit/views/show.njk', {
      title: event.summary,
      event,
      rows,
      changedLabels: rows.filter((row) => row.changed).map((row) => row.label),
      actionText: actionLabel(event.action),
      kindText: kindLabel(event.entity_type),
    })
  })
}
