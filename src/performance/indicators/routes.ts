import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import type { IndicatorService, LinkedOutcome } from './service.ts'
import { type IndicatorChartService, chartFilters, chartsOf } from '../indicator-charts/index.ts'
import type { Indicator } from './repository.ts'
import { indicatorFilters, indicatorForm } from './schema.ts'
import {
  comparisonMethodLabels,
  comparisonMethods,
  frequencies,
  frequencyLabels,
  multipliers,
  periodTypeLabels,
  periodTypes,
  perText,
  polarities,
  polarityLabels,
  valueTypeLabels,
  valueTypes,
} from './model.ts'

const labels = { valueTypeLabels, polarityLabels, frequencyLabels, periodTypeLabels, comparisonMethodLabels }
const radios = <T extends string>(values: readonly T[], names: Record<T, string>) => values.map((value) => ({ value, text: names[value] }))
const multiplierItems = multipliers.map((m) => ({
  value: String(m),
  text: m === 1 ? 'As it is (not multiplied)' : m === 100 ? '100 (a percentage)' : `Per ${m.toLocaleString('en-GB')}`,
}))

function formValues(indicator: Indicator & { outcomes: LinkedOutcome[] }) {
  return {
    title: indicator.title,
    description: indicator.description,
    rationale: indicator.rationale,
    source: indicator.source,
    unit: indicator.unit,
    valueType: indicator.value_type,
    multiplier: String(indicator.multiplier),
    decimalPlaces: String(indicator.decimal_places),
    polarity: indicator.polarity,
    frequency: indicator.frequency,
    periodType: indicator.period_type,
    comparisonMethod: indicator.comparison_method,
    smallNumberThreshold: String(indicator.small_number_threshold),
    targetLeadId: indicator.target_lead_id ?? '',
    owningBodyId: indicator.owning_body_id ?? '',
    outcomeIds: indicator.outcomes.map((o) => o.id),
    fingertipsId: indicator.external_id ?? '',
  }
}

/** Checkbox values come back as one string or several. */
const checked = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value ? [String(value)] : [])

export function indicatorRoutes(app: FastifyInstance, indicators: IndicatorService, indicatorCharts: IndicatorChartService): void {
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { values: Record<string, unknown>; keep?: LinkedOutcome[] } & Record<string, unknown>,
  ) {
    const { people, bodies, outcomes } = await indicators.choices(actorOf(request), data.keep)
    const chosen = checked(data.values.outcomeIds)
    return renderPage(request, reply, 'indicators/views/form.njk', {
      personItems: [{ value: '', text: 'No target lead yet' }, ...people.map((p) => ({ value: p.id, text: p.label }))],
      bodyItems: [{ value: '', text: 'No owning body yet' }, ...bodies.map((b) => ({ value: b.id, text: b.name }))],
      outcomeItems: outcomes.map((o) => ({
        value: o.id,
        text: o.current ? o.title : `${o.title} (not in the framework in force)`,
        checked: chosen.includes(o.id),
      })),
      valueTypeItems: radios(valueTypes, valueTypeLabels),
      polarityItems: radios(polarities, polarityLabels),
      frequencyItems: radios(frequencies, frequencyLabels),
      periodTypeItems: radios(periodTypes, periodTypeLabels),
      comparisonItems: radios(comparisonMethods, comparisonMethodLabels),
      multiplierItems,
      ...data,
    })
  }

  app.get('/indicators', async (request, reply) => {
    const actor = actorOf(request)
    const filters = indicatorFilters.parse(request.query ?? {})
    const [rows, choices] = [await indicators.list(actor, filters), await indicators.choices(actor)]
    return renderPage(request, reply, 'indicators/views/list.njk', {
      title: filters.archived ? 'Archived indicators' : 'Indicators',
      rows: rows.map((row) => ({ ...row, per: perText(row.value_type, row.multiplier) })),
      filters,
      outcomeItems: [{ value: '', text: 'Any outcome' }, ...choices.outcomes.map((o) => ({ value: o.id, text: o.title }))],
      bodyItems: [{ value: '', text: 'Any body' }, ...choices.bodies.map((b) => ({ value: b.id, text: b.name }))],
      leadItems: [{ value: '', text: 'Anyone' }, ...choices.people.map((p) => ({ value: p.id, text: p.label }))],
      canEdit: can(actor.role, 'directory.edit'),
      ...labels,
    })
  })

  app.get('/indicators/new', async (request, reply) => {
    assertCan(actorOf(request), 'directory.edit')
    return showForm(request, reply, {
      title: 'Add an indicator',
      values: { multiplier: '1', decimalPlaces: '1', smallNumberThreshold: '5', frequency: 'annual', comparisonMethod: 'ci-95' },
      action: '/indicators',
    })
  })

  app.post('/indicators', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await indicators.create(actor, parseForm(indicatorForm, body))
      setFlash(reply, `Indicator ‘${created.title}’ added`)
      return reply.redirect(`/indicators/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, { title: 'Add an indicator', values: body, errors: errorView(error.fields), action: '/indicators' })
    }
  })

  app.get('/indicators/:id', async (request, reply) => {
    const actor = actorOf(request)
    const indicator = await indicators.get(actor, idParam(request))
    const { group } = chartFilters.parse(request.query ?? {})
    // The charts are their own capability (features/indicator-charts); this page draws them above the definition.
    const charts = chartsOf(await indicatorCharts.figures(actor, indicator.id, { groupId: group }))
    return renderPage(request, reply, 'indicators/views/show.njk', {
      title: indicator.title,
      indicator,
      charts,
      per: perText(indicator.value_type, indicator.multiplier),
      canEdit: can(actor.role, 'directory.edit'),
      ...labels,
    })
  })

  app.get('/indicators/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const indicator = await indicators.get(actor, idParam(request))
    return showForm(request, reply, {
      title: `Change ${indicator.title}`,
      indicator,
      values: formValues(indicator),
      keep: indicator.outcomes,
      version: indicator.version,
      action: `/indicators/${indicator.id}/edit`,
    })
  })

  app.post('/indicators/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const id = idParam(request)
    const before = await indicators.get(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const saved = await indicators.update(actor, id, version, parseForm(indicatorForm, body))
      setFlash(reply, `Indicator ‘${saved.title}’ saved`)
      return reply.redirect(`/indicators/${id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      const latest = await indicators.get(actor, id)
      reply.code(error instanceof ConflictError ? 409 : 400)
      return showForm(request, reply, {
        title: `Change ${before.title}`,
        indicator: latest,
        latest: error instanceof ConflictError ? latest : null,
        conflict: error instanceof ConflictError ? error.message : null,
        values: body,
        keep: latest.outcomes,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: error instanceof ConflictError ? latest.version : body.version,
        errors: error instanceof ValidationError ? errorView(error.fields) : { list: [{ text: error.message, href: '#latest' }], fields: {} },
        action: `/indicators/${id}/edit`,
      })
    }
  })

  app.get('/indicators/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const indicator = await indicators.get(actor, idParam(request))
    return renderPage(request, reply, 'indicators/views/archive.njk', { title: `Archive ${indicator.title}?`, indicator })
  })

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/indicators/:id/${action}`, async (request, reply) => {
      const actor = actorOf(request)
      assertCan(actor, 'directory.edit')
      const id = idParam(request)
      const indicator = await indicators.get(actor, id)
      try {
        const { version } = parseForm(versionField, formBody(request))
        const saved = await indicators.setArchived(actor, id, version, action)
        setFlash(reply, `Indicator ‘${saved.title}’ ${action === 'archive' ? 'archived' : 'restored'}`)
        return reply.redirect(action === 'archive' ? '/indicators' : `/indicators/${id}`, 303)
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
        // A ValidationError here can only be the missing version, whose own message says what to do.
        const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
        reply.code(error instanceof ConflictError ? 409 : 400)
        return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo: `/indicators/${indicator.id}` })
      }
    })
  }
}
