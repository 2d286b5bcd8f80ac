import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ValidationError } from '../../platform/errors.ts'
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

  editRoute(app, '/indicators/:id/edit', {
    save: (actor, id, version, body) => indicators.update(actor, id, version, parseForm(indicatorForm, body)),
    saved: (saved) => ({ flash: `Indicator ‘${saved.title}’ saved`, redirect: `/indicators/${saved.id}` }),
    latest: (actor, id) => indicators.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, {
        title: `Change ${latest.title}`,
        indicator: latest,
        keep: latest.outcomes,
        action: `/indicators/${id}/edit`,
        ...data,
      }),
  })

  app.get('/indicators/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const indicator = await indicators.get(actor, idParam(request))
    return archivePage(request, reply, {
      title: `Archive ${indicator.title}?`,
      explanation:
        'It will leave the list of indicators the partnership measures. Nothing is deleted and you can restore it from the archived indicators at any time.',
      action: `/indicators/${indicator.id}/archive`,
      version: indicator.version,
      backTo: `/indicators/${indicator.id}`,
    })
  })

  archiveRoutes(
    app,
    '/indicators',
    async (action, actor, id, version) => {
      const saved = await indicators.setArchived(actor, id, version, action)
      return {
        named: `Indicator ‘${saved.title}’`,
        redirect: action === 'archive' ? '/indicators' : `/indicators/${id}`,
      }
    },
    // Looked up, so an indicator that is not there is 404 even when the form lost its version.
    async (actor, id) => `/indicators/${(await indicators.get(actor, id)).id}`,
  )
}
