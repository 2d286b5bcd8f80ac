import type { FastifyInstance } from 'fastify'
import type { Db } from '../../platform/db/database.ts'
import { renderPage } from '../../platform/http/render.ts'
import { actorOf } from '../../platform/http/request-context.ts'
import { can } from '../../platform/auth/model.ts'
import { publishedPartnerships } from './repository.ts'
import type { OrganisationService } from '../../directory/organisations/index.ts'
import type { PeopleService } from '../../directory/people/index.ts'

export function homeRoutes(app: FastifyInstance, db: Db, organisations: OrganisationService, people: PeopleService): void {
  app.get('/', async (request, reply) => {
    if (!request.session) {
      const published = await publishedPartnerships(db)
      return renderPage(request, reply, 'home/views/welcome.njk', { title: 'Welcome', published })
    }
    if (!request.session.partnership) {
      return renderPage(request, reply, 'home/views/no-partnership.njk', { title: 'You are not in a partnership yet' })
    }
    const actor = actorOf(request)
    const [organisationRows, peopleRows] = await Promise.all([organisations.list(actor, { status: 'active' }), people.list(actor, { status: 'active' })])
    return renderPage(request, reply, 'home/views/dashboard.njk', {
      title: request.session.partnership.name,
      organisationCount: organisationRows.length,
      statutoryCount: organisationRows.filter((o) => o.is_statutory).length,
      peopleCount: peopleRows.length,
      isAdmin: can(actor.role, 'users.manage'),
    })
  })
}
