import { londonToday } from '../../platform/dates/index.ts'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { type ActionService, actionStatusLabels, isOverdue } from '../../governance/actions/index.ts'
import { linkedPerson, upcomingMeetingsFor } from './repository.ts'
import { objectiveService, objectiveStatusLabels, ragLabels } from '../../strategy/objectives/index.ts'

/** The signed-in user's own outstanding actions (overdue first), their objectives that need attention, and the meetings of the bodies they sit on. */
export function myWorkRoutes(app: FastifyInstance, db: Db, actions: ActionService): void {
  const objectives = objectiveService(db)
  app.get('/my-work', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'partnership.read')
    const today = londonToday()
    const { person, meetings } = await inPartnership(db, actor.partnershipId, async (trx) => {
      const person = actor.userId ? await linkedPerson(trx, actor.partnershipId, actor.userId) : undefined
      return { person, meetings: person ? await upcomingMeetingsFor(trx, actor.partnershipId, person.id, new Date(), today) : [] }
    })
    const rows = person ? (await actions.mine(actor, today)).map((a) => ({ ...a, overdue: isOverdue(a, today) })) : []
    const mine = person ? await objectives.mine(actor, today) : { attention: [], total: 0 }
    return renderPage(request, reply, 'my-work/views/show.njk', {
      title: 'My work',
      person,
      rows,
      meetings,
      actionStatusLabels,
      objectives: mine,
      objectiveStatusLabels,
      ragLabels,
    })
  })
}
