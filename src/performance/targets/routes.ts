import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, formRefusal, parseForm, versionField, type ErrorView } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { perText, polarityLabels, type IndicatorRow } from '../indicators/index.ts'
import { periodLabel } from '../indicator-values/index.ts'
import { sendTable, type TableFormat } from '../../platform/files/table-download.ts'
import { breakdownWords } from '../scorecards/index.ts'
import { targetKindLabels, targetKinds } from './model.ts'
import { targetRows, targetTable } from './present.ts'
import type { Target } from './repository.ts'
import { targetForm } from './schema.ts'
import type { TargetService } from './service.ts'

const periodHints: Record<IndicatorRow['period_type'], string> = {
  'financial-year': 'The financial year, like 2024/25',
  'academic-year': 'The academic year, like 2024/25',
  'calendar-year': 'The year, like 2024',
  'rolling-3-years': 'The first and last years, like 2022 - 24',
  quarter: 'The financial quarter, like 2024/25 Q1',
  month: 'The month, like April 2024',
}

function formValues(t: Target, period: string) {
  return { period, kind: t.kind, value: t.value ?? '', groupId: t.group_id ?? '', amberTolerance: t.amber_tolerance }
}

function formData(indicator: IndicatorRow, groups: { id: string; name: string }[], values: Record<string, unknown>) {
  const per = perText(indicator.value_type, indicator.multiplier)
  return {
    periodHint: periodHints[indicator.period_type],
    kindItems: targetKinds.map((kind) => ({ value: kind, text: targetKindLabels[kind] })),
    groupItems: [{ value: '', text: 'Select a comparator group' }, ...groups.map((g) => ({ value: g.id, text: g.name }))],
    valueHint: `${polarityLabels[indicator.polarity]}: the value ${indicator.polarity === 'low-is-good' ? 'to stay at or below' : 'to reach or beat'}${per ? `, ${per}` : ''}. Only for a value target.`,
    values,
  }
}

export function targetRoutes(app: FastifyInstance, targets: TargetService): void {
  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    indicatorId: string,
    form: { values: Record<string, unknown>; errors?: ErrorView } = { values: { kind: 'value', amberTolerance: '0' } },
  ) {
    const data = await targets.overview(actorOf(request), indicatorId)
    const { indicator } = data
    const rows = targetRows(data)
    return renderPage(request, reply, 'targets/views/list.njk', {
      title: `Targets for ${indicator.title}`,
      indicator,
      area: data.area,
      england: data.england,
      breakdown: 'breakdown' in data ? breakdownWords(data.breakdown ?? null) : '',
      per: perText(indicator.value_type, indicator.multiplier),
      rows,
      canChange: data.canChange,
      ...formData(indicator, data.groups, form.values),
      errors: form.errors,
    })
  }

  app.get('/indicators/:id/targets', (request, reply) => showPage(request, reply, idParam(request)))

  async function download(request: FastifyRequest, reply: FastifyReply, format: TableFormat) {
    const data = await targets.overview(actorOf(request), idParam(request))
    return sendTable(reply, targetTable(data, targetRows(data)), format)
  }
  app.get('/indicators/:id/targets.csv', (request, reply) => download(request, reply, 'csv'))
  app.get('/indicators/:id/targets.xlsx', (request, reply) => download(request, reply, 'xlsx'))

  app.post('/indicators/:id/targets', async (request, reply) => {
    const actor = actorOf(request)
    const { indicator } = await targets.forChange(actor, idParam(request))
    const body = formBody(request)
    try {
      const { created } = await targets.add(actor, indicator.id, parseForm(targetForm, body))
      setFlash(reply, `Target set for ${periodLabel(indicator.period_type, created.period_starts_on)}`)
      return reply.redirect(`/indicators/${indicator.id}/targets`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showPage(request, reply, indicator.id, { values: body, errors: errorView(error.fields) })
    }
  })

  function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    indicator: IndicatorRow,
    groups: { id: string; name: string }[],
    data: Record<string, unknown> & { values: Record<string, unknown> },
  ) {
    return renderPage(request, reply, 'targets/views/form.njk', {
      title: `Change a target for ${indicator.title}`,
      indicator,
      ...formData(indicator, groups, data.values),
      ...data,
    })
  }

  app.get('/targets/:id/edit', async (request, reply) => {
    const { target, indicator, period, groups } = await targets.targetForChange(actorOf(request), idParam(request))
    return showForm(request, reply, indicator, groups, { target, values: formValues(target, period), version: target.version })
  })

  app.post('/targets/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const { target, indicator, groups } = await targets.targetForChange(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      await targets.update(actor, id, version, parseForm(targetForm, body))
      setFlash(reply, 'Target saved')
      return reply.redirect(`/indicators/${indicator.id}/targets`, 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error)
      const latest = await targets.targetForChange(actor, id)
      reply.code(status)
      return showForm(request, reply, indicator, groups, {
        target,
        latest: conflict
          ? { period: latest.period, kind: targetKindLabels[latest.target.kind], value: latest.target.value, tolerance: latest.target.amber_tolerance }
          : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: conflict ? latest.target.version : body.version,
        errors,
      })
    }
  })

  app.post('/targets/:id/remove', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const { indicator, period } = await targets.targetForChange(actor, id)
    try {
      const { version } = parseForm(versionField, formBody(request))
      await targets.remove(actor, id, version)
      setFlash(reply, `Target for ${period} removed; the audit trail keeps it`)
      return reply.redirect(`/indicators/${indicator.id}/targets`, 303)
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
      const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
      reply.code(error instanceof ConflictError ? 409 : 400)
      return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo: `/indicators/${indicator.id}/targets` })
    }
  })
}
