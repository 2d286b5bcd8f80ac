import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, type ErrorView } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { assertCan, roleDescriptions, roles } from '../../platform/auth/model.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { UserService } from './service.ts'
import { passwordForm, roleForm, versionField } from './schema.ts'
import { roleNames } from './model.ts'
import { formatUkDate } from '../../platform/dates/index.ts'

const roleItems = roles.map((value) => ({ value, text: roleDescriptions[value] }))

export function userAdminRoutes(app: FastifyInstance, users: UserService): void {
  const showForm = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'users/views/new.njk', { title: 'Invite someone', roleItems, ...data })

  /** The member's page, with its two forms (role, password) and whatever went wrong in one of them. */
  async function showMember(request: FastifyRequest, reply: FastifyReply, actor: Actor, userId: string, extra: { errors?: ErrorView; role?: unknown } = {}) {
    const member = await users.get(actor, userId)
    return renderPage(request, reply, 'users/views/show.njk', {
      title: member.displayName,
      member,
      roleItems,
      roleNames,
      roleDescriptions,
      isSelf: member.userId === actor.userId,
      values: { role: extra.role ?? member.role },
      errors: extra.errors,
    })
  }

  async function showList(request: FastifyRequest, reply: FastifyReply, actor: Actor, errors?: ErrorView) {
    const [members, invitations] = [await users.list(actor), await users.invitations(actor)]
    return renderPage(request, reply, 'users/views/list.njk', {
      title: 'Users',
      members,
      invitations,
      now: new Date(),
      roleNames,
      currentUserId: actor.userId,
      errors,
    })
  }

  app.get('/admin/users', async (request, reply) => showList(request, reply, actorOf(request)))

  app.get('/admin/users/new', async (request, reply) => {
    assertCan(actorOf(request), 'users.manage')
    return showForm(request, reply, { values: {} })
  })

  app.post('/admin/users', async (request, reply) => {
    const actor = actorOf(request)
    const body = formBody(request)
    try {
      const { invitation, token } = await users.invite(actor, body)
      // The same words whether or not the address already has an account, so the page never tells.
      // The link is shown this once: only its hash is kept.
      setFlash(
        reply,
        `We’ve invited ${invitation.email} to join as ${roleNames[invitation.role].toLowerCase()}. Send them this link in a secure way. It works once and expires on ${formatUkDate(invitation.expiresAt)}: ${request.protocol}://${request.host}/join/${token}`,
      )
      return reply.redirect('/admin/users', 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, { values: { email: body.email, displayName: body.displayName, role: body.role }, errors: errorView(error.fields) })
    }
  })

  app.post('/admin/invitations/:id/withdraw', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    try {
      const { version } = parseForm(versionField, formBody(request))
      const withdrawn = await users.withdrawInvitation(actor, id, version)
      setFlash(reply, `The invitation for ${withdrawn.email} has been withdrawn; its link no longer works`)
      return reply.redirect('/admin/users', 303)
    } catch (error) {
      if (error instanceof ConflictError) {
        reply.code(409)
        return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message: error.message, backTo: '/admin/users' })
      }
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showList(request, reply, actor, errorView({ [`withdraw-${id}`]: Object.values(error.fields)[0] ?? 'Reload the page and try again' }))
    }
  })

  app.get('/admin/users/:id', async (request, reply) => showMember(request, reply, actorOf(request), idParam(request)))

  app.post('/admin/users/:id/role', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const body = formBody(request)
    try {
      const { role, version } = parseForm(roleForm, body)
      const saved = await users.changeRole(actor, id, version, role)
      setFlash(reply, `${saved.displayName}’s role is ${roleNames[saved.role].toLowerCase()}`)
      // An admin who steps down can no longer see this page.
      const stillAdmin = saved.userId !== actor.userId || saved.role === 'admin'
      return reply.redirect(stillAdmin ? `/admin/users/${id}` : '/', 303)
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      reply.code(error instanceof ConflictError ? 409 : 400)
      // After a conflict the page shows the latest role and carries its version, so saving again is a deliberate choice.
      const errors = error instanceof ValidationError ? errorView(error.fields) : errorView({ role: error.message })
      return showMember(request, reply, actor, id, { errors, role: error instanceof ConflictError ? undefined : body.role })
    }
  })

  app.post('/admin/users/:id/password', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    try {
      const { password } = parseForm(passwordForm, formBody(request))
      const member = await users.setPassword(actor, id, password)
      if (member.userId === actor.userId) {
        setFlash(reply, 'Your password has been changed. Sign in again with your new password.')
        return reply.redirect('/sign-in', 303)
      }
      setFlash(reply, `A new password has been set for ${member.displayName}, and they have been signed out. Tell them the new password in a secure way.`)
      return reply.redirect(`/admin/users/${id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showMember(request, reply, actor, id, { errors: errorView(error.fields) })
    }
  })

  app.get('/admin/users/:id/remove', async (request, reply) => {
    const member = await users.get(actorOf(request), idParam(request))
    return renderPage(request, reply, 'users/views/remove.njk', { title: `Remove ${member.displayName}`, member })
  })

  app.post('/admin/users/:id/remove', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    try {
      const { version } = parseForm(versionField, formBody(request))
      const removed = await users.remove(actor, id, version)
      setFlash(reply, `${removed.displayName} has been removed from the partnership`)
      return reply.redirect('/admin/users', 303)
    } catch (error) {
      if (error instanceof ConflictError) {
        reply.code(409)
        return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message: error.message, backTo: `/admin/users/${id}` })
      }
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      const member = await users.get(actor, id)
      return renderPage(request, reply, 'users/views/remove.njk', { title: `Remove ${member.displayName}`, member, errors: errorView(error.fields) })
    }
  })
}
