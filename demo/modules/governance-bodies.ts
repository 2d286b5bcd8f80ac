import type { DemoModule } from '../context.ts'
import { bodyForm, endBodyForm, memberForm, type EndBodyInput } from '../../src/governance/bodies/schema.ts'
import { insertBody, insertMember, updateBody } from '../../src/governance/bodies/repository.ts'
import { demoBodies } from '../data/bodies.ts'
import { demoPeople } from '../data/people.ts'

/**
 * The governance structure of both eras in the seeds: the 2007–08 Children's
 * Trust bodies and the 2019 structure under the Health and Wellbeing Board,
 * with who sits on each. Input goes through the same form schemas a person's
 * would. Each member sits from the body's start to its end, and represents
 * their own organisation, as the service defaults it.
 */
export const governanceBodies: DemoModule = {
  name: 'boards, groups and their members',
  async seed({ trx, partnershipId, refs, audit }) {
    for (const body of demoBodies) {
      const input = bodyForm.parse({
        name: body.name,
        shortName: body.shortName,
        kind: body.kind,
        purpose: body.purpose,
        accountableToId: body.accountableTo ? refs.get('body', body.accountableTo) : null,
        establishedOn: body.establishedOn,
      })
      const created = await insertBody(trx, partnershipId, input)
      refs.set('body', body.key, created.id)
      await audit({ action: 'create', entityType: 'body', entityId: created.id, summary: `Added body ‘${created.name}’`, after: created })

      for (const membership of body.members) {
        const person = demoPeople.find((p) => p.key === membership.person)
        const organisation = membership.representing ?? person?.organisation
        const values = memberForm.parse({
          personId: refs.get('person', membership.person),
          role: membership.role,
          representingId: organisation ? refs.get('organisation', organisation) : null,
          startsOn: body.establishedOn,
          endsOn: body.endedOn,
        })
        const member = await insertMember(trx, partnershipId, created.id, values)
        await audit({ action: 'create', entityType: 'body-member', entityId: member.id, summary: `Added a ${member.role} to ‘${created.name}’`, after: member })
      }
    }

    // Ended last, once every successor exists.
    for (const body of demoBodies.filter((b) => b.endedOn)) {
      const id = refs.get('body', body.key)
      const end = endBodyForm.parse({ endedOn: body.endedOn, supersededById: body.supersededBy ? refs.get('body', body.supersededBy) : null }) as EndBodyInput
      const ended = await updateBody(trx, partnershipId, id, 1, { ended_on: end.endedOn, superseded_by_id: end.supersededById })
      if (!ended) throw new Error(`Demo body ‘${body.name}’ changed while being seeded`)
      await audit({ action: 'update', entityType: 'body', entityId: id, summary: `Ended body ‘${ended.name}’`, after: ended })
    }
  },
}
