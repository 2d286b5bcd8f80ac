import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, formRefusal, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { perText, type IndicatorRow } from '../indicators/index.ts'
import { breakdownText, valuesListLimit, valuesPageSize, type IndicatorValueService } from './service.ts'
import { pagination } from './pagination.ts'
import type { ValueRow } from './repository.ts'
import { valueFilters, valueForm } from './schema.ts'

/** A figure to the indicator's decimal places, as published; counts as whole numbers. */
export function formatted(n: number | null, places: number): string {
  return n == null ? '' : n.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })
}

const periodHints: Record<IndicatorRow['period_type'], string> = {
  'financial-year': 'The financial year, like 2018/19',
  'academic-year': 'The academic year, like 2018/19',
  'calendar-year': 'The year, like 2018',
  'rolling-3-years': 'The first and last years, like 2016 - 18',
  quarter: 'The financial quarter, like 2019/20 Q1',
  month: 'The month, like April 2019',
}

function formValues(v: ValueRow, period: string) {
  const text = (n: string | null) => n ?? ''
  return {
    areaCode: v.area_code,
    period,
    sex: v.sex,
    age: v.age,
    categoryType: v.category_type,
    category: v.category,
    count: text(v.count),
    denominator: text(v.denominator),
    value: text(v.value),
    lower95: text(v.lower_95),
    upper95: text(v.upper_95),
    lower998: text(v.lower_998),
    upper998: text(v.upper_998),
    note: v.note,
    illustrative: v.illustrative ? 'yes' : '',
  }
}

export function indicatorValueRoutes(app: FastifyInstance, values: IndicatorValueService): void {
  function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    indicator: IndicatorRow,
    areas: { code: string; name: string }[],
    data: Record<string, unknown>,
  ) {
    return renderPage(request, reply, 'indicator-values/views/form.njk', {
      indicator,
      per: perText(indicator.value_type, indicator.multiplier),
      periodHint: periodHints[indicator.period_type],
      areaItems: [{ value: '', text: 'Select an area' }, ...areas.map((a) => ({ value: a.code, text: `${a.name} (${a.code})` }))],
      ...data,
    })
  }

  app.get('/indicators/:id/values', async (request, reply) => {
    const { area, page: asked } = valueFilters.parse(request.query ?? {})
    const { indicator, rows, total, more, page, pages, areas, canChange } = await values.list(actorOf(request), idParam(request), area || undefined, asked)
    const places = indicator.decimal_places
    return renderPage(request, reply, 'indicator-values/views/list.njk', {
      title: `Values of ${indicator.title}`,
      indicator,
      area,
      areaItems: [{ value: '', text: 'Every area' }, ...areas.map((a) => ({ value: a.code, text: a.name }))],
      per: perText(indicator.value_type, indicator.multiplier),
      rows: rows.map((r) => ({
        ...r,
        countText: formatted(r.count == null ? null : Number(r.count), 0),
        denominatorText: formatted(r.denominator == null ? null : Number(r.denominator), 0),
        valueText: formatted(r.shown.value, places),
        ci95: r.shown.lower95 == null ? '' : `${formatted(r.shown.lower95, places)} to ${formatted(r.shown.upper95, places)}`,
        ci998: r.shown.lower998 == null ? '' : `${formatted(r.shown.lower998, places)} to ${formatted(r.shown.upper998, places)}`,
      })),
      canChange,
      shownText:
        pages > 1
          ? `Values ${formatted((page - 1) * valuesPageSize + 1, 0)} to ${formatted((page - 1) * valuesPageSize + rows.length, 0)} of ${more ? `more than ${formatted(valuesListLimit, 0)}` : formatted(total, 0)}`
          : `${total} ${total === 1 ? 'value' : 'values'}`,
      more,
      listLimit: formatted(valuesListLimit, 0),
      pagination: pagination(`/indicators/${indicator.id}/values`, area, page, pages),
    })
  })

  app.get('/indicators/:id/values/new', async (request, reply) => {
    const { indicator, areas } = await values.forChange(actorOf(request), idParam(request))
    return showForm(request, reply, indicator, areas, {
      title: `Add a value of ${indicator.title}`,
      values: { sex: 'persons' },
      action: `/indicators/${indicator.id}/values`,
    })
  })

  app.post('/indicators/:id/values', async (request, reply) => {
    const actor = actorOf(request)
    const { indicator, areas } = await values.forChange(actor, idParam(request))
    const body = formBody(request)
    try {
      const created = await values.add(actor, indicator.id, parseForm(valueForm, body))
      setFlash(reply, `Value added (${breakdownText(created)})`)
      return reply.redirect(`/indicators/${indicator.id}/values?area=${encodeURIComponent(created.area_code)}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, indicator, areas, {
        title: `Add a value of ${indicator.title}`,
        values: body,
        errors: errorView(error.fields),
        action: `/indicators/${indicator.id}/values`,
      })
    }
  })

  app.get('/indicator-values/:id/edit', async (request, reply) => {
    const { value, indicator, period, areas } = await values.valueForChange(actorOf(request), idParam(request))
    return showForm(request, reply, indicator, areas, {
      title: `Change a value of ${indicator.title}`,
      value,
      values: formValues(value, period),
      version: value.version,
      action: `/indicator-values/${value.id}/edit`,
    })
  })

  app.post('/indicator-values/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const { value, indicator, areas } = await values.valueForChange(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const saved = await values.update(actor, id, version, parseForm(valueForm, body))
      setFlash(reply, 'Value saved')
      return reply.redirect(`/indicators/${indicator.id}/values?area=${encodeURIComponent(saved.area_code)}`, 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error)
      const latest = await values.valueForChange(actor, id)
      reply.code(status)
      return showForm(request, reply, indicator, areas, {
        title: `Change a value of ${indicator.title}`,
        value,
        latest: conflict ? { ...latest.value, period: latest.period, breakdown: breakdownText(latest.value) } : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: conflict ? latest.value.version : body.version,
        errors,
        action: `/indicator-values/${id}/edit`,
      })
    }
  })

  app.post('/indicator-values/:id/remove', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const { indicator } = await values.valueForChange(actor, id)
    try {
      const { version } = parseForm(versionField, formBody(request))
      const { removed } = await values.remove(actor, id, version)
      setFlash(reply, `Value removed (${breakdownText(removed)}); the audit trail keeps its figures`)
      return reply.redirect(`/indicators/${indicator.id}/values`, 303)
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
      const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
      reply.code(error instanceof ConflictError ? 409 : 400)
      return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo: `/indicators/${indicator.id}/values` })
    }
  })
}
