import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { actionStatusLabels } from '../actions/index.ts'
import { formatUkDate, londonWallClock } from '../../platform/dates/index.ts'
import { uploadedFile } from '../../platform/files/uploads.ts'
import { allowedTypesText } from '../../platform/files/file-types.ts'
import type { MeetingService } from './service.ts'
import {
  agendaItemForm,
  attendanceForm,
  attendanceRemovalForm,
  decisionForm,
  meetingFilters,
  meetingForm,
  moveForm,
  paperRemovalField,
  recommendationForm,
} from './schema.ts'
import {
  attendanceLabels,
  attendanceStatuses,
  decisionLabels,
  decisions,
  meetingStatusLabels,
  meetingStatuses,
  purposeLabels,
  purposes,
  quoracyText,
} from './model.ts'

const labels = { meetingStatusLabels, purposeLabels, decisionLabels, attendanceLabels, actionStatusLabels }
const purposeItems = purposes.map((value) => ({ value, text: purposeLabels[value] }))
const decisionItems = decisions.map((value) => ({ value, text: decisionLabels[value] }))
const statusItems = meetingStatuses.map((value) => ({ value, text: meetingStatusLabels[value] }))
const attendanceItems = attendanceStatuses.map((value) => ({ value, text: attendanceLabels[value] }))

function problem(error: unknown): { status: number; fields: Record<string, string> } {
  if (error instanceof ValidationError) return { status: 400, fields: error.fields }
  if (error instanceof ConflictError) return { status: 409, fields: { form: error.message } }
  throw error
}

export function meetingRoutes(app: FastifyInstance, meetings: MeetingService): void {
  async function showMeeting(request: FastifyRequest, reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) {
    const actor = actorOf(request)
    const page = await meetings.page(actor, id)
    return renderPage(request, reply, 'meetings/views/show.njk', {
      title: `${page.meeting.bodyName} meeting, ${formatUkDate(page.meeting.starts_at)}`,
      ...page,
      quoracyText: quoracyText(page.quoracy),
      ...labels,
      purposeItems,
      decisionItems,
      attendanceItems,
      ...extra,
    })
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
    const bodies = await meetings.bodies(actorOf(request))
    return renderPage(request, reply, 'meetings/views/form.njk', { bodyItems: bodies.map((b) => ({ value: b.id, text: b.name })), statusItems, ...data })
  }

  async function showItemForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
    const people = await meetings.people(actorOf(request))
    return renderPage(request, reply, 'meetings/views/item-form.njk', {
      personItems: [{ value: '', text: 'No presenter' }, ...people.map((p) => ({ value: p.id, text: p.label }))],
      purposeItems,
      allowedTypesText,
      ...data,
    })
  }

  app.get('/meetings', async (request, reply) => {
    const actor = actorOf(request)
    const filters = meetingFilters.parse(request.query ?? {})
    const [rows, bodies] = [await meetings.list(actor, filters), await meetings.bodies(actor)]
    return renderPage(request, reply, 'meetings/views/list.njk', { title: 'Meetings', rows, filters, bodies, ...labels })
  })

  app.get('/meetings/new', async (request, reply) => {
    await meetings.assertMayChangeSome(actorOf(request))
    const body = meetingFilters.parse(request.query ?? {}).body
    return showForm(request, reply, { title: 'Schedule a meeting', values: { bodyId: body, time: '14:00' }, action: '/meetings' })
  })

  app.post('/meetings', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who can change no body gets 403, not a form full of errors.
    await meetings.assertMayChangeSome(actor)
    const body = formBody(request)
    try {
      const created = await meetings.create(actor, parseForm(meetingForm, body))
      setFlash(reply, 'Meeting scheduled')
      return reply.redirect(`/meetings/${created.id}`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      reply.code(status)
      return showForm(request, reply, { title: 'Schedule a meeting', values: body, errors: errorView(fields), action: '/meetings' })
    }
  })

  app.get('/meetings/:id', async (request, reply) => showMeeting(request, reply, idParam(request)))

  app.get('/meetings/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const meeting = await meetings.getForChange(actor, idParam(request))
    const clock = londonWallClock(meeting.starts_at)
    return showForm(request, reply, {
      title: `Change the ${meeting.bodyName} meeting`,
      meeting,
      values: { bodyId: meeting.body_id, ...clock, location: meeting.location, notes: meeting.notes, status: meeting.status },
      version: meeting.version,
      action: `/meetings/${meeting.id}/edit`,
    })
  })

  app.post('/meetings/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await meetings.getForChange(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      await meetings.update(actor, id, version, parseForm(meetingForm, body))
      setFlash(reply, 'Meeting saved')
      return reply.redirect(`/meetings/${id}`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      const latest = await meetings.get(actor, id)
      reply.code(status)
      return showForm(request, reply, {
        title: `Change the ${latest.bodyName} meeting`,
        meeting: latest,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice.
        version: status === 409 ? latest.version : body.version,
        errors: errorView(fields),
        action: `/meetings/${id}/edit`,
      })
    }
  })

  app.post('/meetings/:id/cancel', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await meetings.getForChange(actor, id)
    try {
      const { version } = parseForm(versionField, formBody(request))
      await meetings.cancel(actor, id, version)
      setFlash(reply, 'Meeting cancelled')
      return reply.redirect(`/meetings/${id}`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      reply.code(status)
      return renderPage(request, reply, 'errors/conflict.njk', {
        title: 'Nothing was changed',
        message: Object.values(fields).join(' '),
        backTo: `/meetings/${id}`,
      })
    }
  })

  app.get('/meetings/:id/items/new', async (request, reply) => {
    const actor = actorOf(request)
    const meeting = await meetings.getForChange(actor, idParam(request))
    return showItemForm(request, reply, { title: 'Add an agenda item', meeting, values: {}, action: `/meetings/${meeting.id}/items` })
  })

  app.post('/meetings/:id/items', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await meetings.getForChange(actor, id)
    const body = formBody(request)
    const upload = uploadedFile(body, 'paper')
    try {
      const item = await meetings.addItem(actor, id, parseForm(agendaItemForm, body), upload)
      setFlash(reply, `Agenda item ‘${item.title}’ added`)
      return reply.redirect(`/meetings/${id}#item-${item.id}`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      reply.code(status)
      return showItemForm(request, reply, {
        title: 'Add an agenda item',
        meeting: await meetings.get(actor, id),
        values: body,
        errors: errorView(fields),
        action: `/meetings/${id}/items`,
        fileLost: upload !== null,
      })
    }
  })

  app.get('/agenda-items/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const { item, meeting, paper } = await meetings.getItemForChange(actor, idParam(request))
    const values = { title: item.title, presenterId: item.presenter_id ?? '', purpose: item.purpose, report: item.report }
    return showItemForm(request, reply, {
      title: `Change ‘${item.title}’`,
      meeting,
      paper,
      values,
      version: item.version,
      action: `/agenda-items/${item.id}/edit`,
    })
  })

  app.post('/agenda-items/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await meetings.getItemForChange(actor, id)
    const body = formBody(request)
    const upload = uploadedFile(body, 'paper')
    try {
      const { version } = parseForm(versionField, body)
      const { removePaper } = parseForm(paperRemovalField, body)
      const saved = await meetings.updateItem(actor, id, version, parseForm(agendaItemForm, body), { upload, remove: removePaper })
      setFlash(reply, `Agenda item ‘${saved.title}’ saved`)
      return reply.redirect(`/meetings/${saved.meeting_id}#item-${id}`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      const { item, meeting, paper } = await meetings.getItem(actor, id)
      reply.code(status)
      return showItemForm(request, reply, {
        title: `Change ‘${item.title}’`,
        meeting,
        paper,
        fileLost: upload !== null,
        values: body,
        version: status === 409 ? item.version : body.version,
        errors: errorView(fields),
        action: `/agenda-items/${id}/edit`,
      })
    }
  })

  app.post('/agenda-items/:id/move', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const { meeting } = await meetings.getItemForChange(actor, id)
    try {
      const { direction } = parseForm(moveForm, formBody(request))
      await meetings.moveItem(actor, id, direction)
      return reply.redirect(`/meetings/${meeting.id}#agenda`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      reply.code(status)
      return renderPage(request, reply, 'errors/conflict.njk', {
        title: 'Nothing was changed',
        message: Object.values(fields).join(' '),
        backTo: `/meetings/${meeting.id}`,
      })
    }
  })

  app.post('/agenda-items/:id/remove', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    try {
      const meeting = await meetings.removeItem(actor, id)
      setFlash(reply, 'Agenda item removed')
      return reply.redirect(`/meetings/${meeting.id}#agenda`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      const { meeting } = await meetings.getItem(actor, id)
      reply.code(status)
      return renderPage(request, reply, 'errors/conflict.njk', {
        title: 'Nothing was changed',
        message: Object.values(fields).join(' '),
        backTo: `/meetings/${meeting.id}`,
      })
    }
  })

  app.post('/agenda-items/:id/recommendations', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await meetings.getItemForChange(actor, id)
    const body = formBody(request)
    try {
      const { meeting } = await meetings.addRecommendation(actor, id, parseForm(recommendationForm, body))
      setFlash(reply, 'Recommendation added')
      return reply.redirect(`/meetings/${meeting.id}#item-${id}`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      const { meeting } = await meetings.getItem(actor, id)
      reply.code(status)
      const prefixed = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${k}-${id}`, v]))
      return showMeeting(request, reply, meeting.id, { errors: errorView(prefixed), recommendationValues: { [id]: body } })
    }
  })

  app.post('/recommendations/:id/decision', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const { meeting } = await meetings.getRecommendationForChange(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const { meeting } = await meetings.decide(actor, id, version, parseForm(decisionForm, body))
      setFlash(reply, 'Decision recorded')
      return reply.redirect(`/meetings/${meeting.id}#recommendation-${id}`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      reply.code(status)
      return renderPage(request, reply, 'errors/conflict.njk', {
        title: 'The decision was not recorded',
        message: Object.values(fields).join(' '),
        backTo: `/meetings/${meeting.id}`,
      })
    }
  })

  app.post('/meetings/:id/attendance', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await meetings.getForChange(actor, id)
    const body = formBody(request)
    try {
      await meetings.recordAttendance(actor, id, parseForm(attendanceForm, body))
      setFlash(reply, 'Attendance recorded')
      return reply.redirect(`/meetings/${id}#attendance`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      reply.code(status)
      return showMeeting(request, reply, id, { errors: errorView(fields), attendanceValues: body })
    }
  })

  // The person is a form field, not part of the address, so the meeting is the one record the address names.
  app.post('/meetings/:id/attendance/remove', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await meetings.getForChange(actor, id)
    try {
      const { personId } = parseForm(attendanceRemovalForm, formBody(request))
      await meetings.removeAttendance(actor, id, personId)
      setFlash(reply, 'Removed from the attendance')
      return reply.redirect(`/meetings/${id}#attendance`, 303)
    } catch (error) {
      const { status, fields } = problem(error)
      reply.code(status)
      return renderPage(request, reply, 'errors/conflict.njk', {
        title: 'Nothing was changed',
        message: Object.values(fields).join(' '),
        backTo: `/meetings/${id}`,
      })
    }
  })
}
