import type { DemoModule } from '../context.ts'
import { organisationForm } from '../../src/features/organisations/schema.ts'
import { personForm } from '../../src/features/people/schema.ts'
import { personLabel } from '../../src/features/people/model.ts'
import { demoOrganisations } from '../data/organisations.ts'
import { demoPeople } from '../data/people.ts'

/**
 * Partner organisations and the people who represent them. Each record goes
 * through the same form schema a person's input would, so the demo can never
 * hold what the interface would refuse.
 */
export const directory: DemoModule = {
  name: 'partner organisations and people',
  async seed({ trx, partnershipId, refs, audit }) {
    for (const organisation of demoOrganisations) {
      const input = organisationForm.parse({ ...organisation, isStatutory: organisation.isStatutory ? 'yes' : 'no' })
      const created = await trx
        .insertInto('organisations')
        .values({
          partnership_id: partnershipId,
          name: input.name,
          sector: input.sector,
          is_statutory: input.isStatutory,
          website: input.website,
          description: input.description,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      refs.set('organisation', organisation.key, created.id)
      await audit({ action: 'create', entityType: 'organisation', entityId: created.id, summary: `Added organisation ‘${created.name}’`, after: created })
    }

    for (const person of demoPeople) {
      const organisationId = person.organisation ? refs.get('organisation', person.organisation) : null
      const input = personForm.parse({ name: null, roleTitle: person.roleTitle, jobTitle: null, organisationId, email: null })
      const created = await trx
        .insertInto('people')
        .values({
          partnership_id: partnershipId,
          name: input.name,
          role_title: input.roleTitle,
          job_title: input.jobTitle,
          organisation_id: input.organisationId,
          email: input.email,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      refs.set('person', person.key, created.id)
      await audit({ action: 'create', entityType: 'person', entityId: created.id, summary: `Added person ‘${personLabel(created)}’`, after: created })
    }
  },
}
