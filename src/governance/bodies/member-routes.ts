import { londonToday } from '../../platform/dates/index.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { formRefusal, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ForbiddenError } from '../../platform/errors.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { OrganisationService } from '../../directory/organisations/index.ts'
import { type PeopleService, personLabel } from '../../directory/people/index.ts'
import type { BodyService } from './service.ts'
import type { Body, MemberRow } from './repository.ts'
import { memberForm } from './schema.ts'
import { bodyKindLabels, memberOn, memberRoleLabels, memberRoles } from './model.ts'
import { memberValues } from './form-values.ts'

const roleItems = memberRoles.map((value) => ({ value, text: memberRoleLabels[value] }))

/** Membership of bodies: who sits on each, in what role, for whom; and, per person, everything they sit on. */
export function memberRoutes(app: FastifyInstance, bodies: BodyService, people: PeopleService, organisations: OrganisationService): void {
  /** The people and organisations to choose from: current ones, plus the saved ones even if since archived. */
  async function choices(actor: Actor, saved?: MemberRow) {
    const [persons, orgs] = await Promise.all([people.list(actor, { status: 'all' }), organisations.options(actor)])
    const personItems = [{ value: '', text: 'Select a person' }].concat(
      persons
        .filter((p) => !p.archived_at || p.id === saved?.person_id)
        .map((p) => ({ value: p.id, text: p.organisationName ? `${personLabel(p)} (${p.organisationName})` : personLabel(p) })),
    )
    const organisationItems = [{ value: '', text: 'The organisation they work for' }].concat(
      orgs.filter((o) => !o.archived_at || o.id === saved?.representing_id).map((o) => ({ value: o.id, text: o.name })),
    )
    return { personItems, organisationItems }
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, body: Body, data: { member?: MemberRow } & Record<string, unknown>) {
    return renderPage(request, reply, 'bodies/views/member-form.njk', { body, roleItems, ...(await choices(actorOf(request), data.member)), ...data })
  }

  async function loadForChange(request: FastifyRequest) {
    const actor = actorOf(request)
    const body = await bodies.get(actor, idParam(request))
    if (!(await bodies.canChange(actor, body.id))) throw new ForbiddenError()
    return { actor, body }
  }

  app.get('/bodies/:id/members/new', async (request, reply) => {
    const { body } = await loadForChange(request)
    return showForm(request, reply, body, { title: `Add a member to ${body.name}`, values: {}, action: `/bodies/${body.id}/members` })
  })

  app.post('/bodies/:id/members', async (request, reply) => {
    const { actor, body } = await loadForChange(request)
    const form = formBody(request)
    try {
      await bodies.addMember(actor, body.id, parseForm(memberForm, form))
      setFlash(reply, `Member added to ‘${body.name}’`)
      return reply.redirect(`/bodies/${body.id}#members`, 303)
    } catch (error) {
      const { status, errors } = formRefusal(error, '#personId')
      reply.code(status)
      return showForm(request, reply, body, { title: `Add a member to ${body.name}`, values: form, errors, action: `/bodies/${body.id}/members` })
    }
  })

  app.get('/bodies/:id/members/:memberId/edit', async (request, reply) => {
    const { actor, body } = await loadForChange(request)
    const member = await bodies.member(actor, body.id, idParam(request, 'memberId'))
    return showForm(request, reply, body, {
      title: `Change ${personLabel({ name: member.personName, role_title: member.personRoleTitle })}’s membership`,
      member,
      values: memberValues(member),
      version: member.version,
      action: `/bodies/${body.id}/members/${member.id}/edit`,
    })
  })

  app.post('/bodies/:id/members/:memberId/edit', async (request, reply) => {
    const { actor, body } = await loadForChange(request)
    const memberId = idParam(request, 'memberId')
    const form = formBody(request)
    try {
      const { version } = parseForm(versionField, form)
      await bodies.updateMember(actor, body.id, memberId, version, parseForm(memberForm, form))
      setFlash(reply, `Membership of ‘${body.name}’ saved`)
      return reply.redirect(`/bodies/${body.id}#members`, 303)
    } catch (error) {
      const { status, errors } = formRefusal(error, '#personId')
      const latest = await bodies.member(actor, body.id, memberId)
      reply.code(status)
      return showForm(request, reply, body, {
        title: `Change ${personLabel({ name: latest.personName, role_title: latest.personRoleTitle })}’s membership`,
        member: latest,
        values: form,
        version: status === 409 ? latest.version : form.version,
        errors,
        action: `/bodies/${body.id}/members/${memberId}/edit`,
      })
    }
  })

  app.post('/bodies/:id/members/:memberId/remove', async (request, reply) => {
    const { actor, body } = await loadForChange(request)
    const memberId = idParam(request, 'memberId')
    const form = formBody(request)
    try {
      const { version } = parseForm(versionField, form)
      const removed = await bodies.removeMember(actor, body.id, memberId, version)
      setFlash(reply, `${personLabel({ name: removed.personName, role_title: removed.personRoleTitle })} removed from ‘${body.name}’`)
      return reply.redirect(`/bodies/${body.id}#members`, 303)
    } catch (error) {
      const { status, errors } = formRefusal(error, '#personId')
      const latest = await bodies.member(actor, body.id, memberId)
      reply.code(status)
      return showForm(request, reply, body, {
        title: `Change ${personLabel({ name: latest.personName, role_title: latest.personRoleTitle })}’s membership`,
        member: latest,
        values: memberValues(latest),
        version: latest.version,
        errors,
        action: `/bodies/${body.id}/members/${memberId}/edit`,
      })
    }
  })

  app.get('/people/:id/bodies', async (request, reply) => {
    const actor = actorOf(request)
    const person = await people.get(actor, idParam(request))
    const memberships = await bodies.personBodies(actor, person.id)
    const today = londonToday()
    return renderPage(request, reply, 'bodies/views/person-bodies.njk', {
      title: `Boards and groups: ${personLabel(person)}`,
      person,
      personName: personLabel(person),
      current: memberships.filter((m) => memberOn(m, today) && !m.bodyArchivedAt && !(m.bodyEndedOn && m.bodyEndedOn <= today)),
      past: memberships.filter((m) => !memberOn(m, today) || m.bodyArchivedAt || (m.bodyEndedOn && m.bodyEndedOn <= today)),
      memberRoleLabels,
      bodyKindLabels,
    })
  })
}
