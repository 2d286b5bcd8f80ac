import type { DemoModule } from '../context.ts'
import { organisationForm } from '../../src/directory/organisations/schema.ts'
import { personForm } from '../../src/directory/people/schema.ts'
import { personLabel } from '../../src/directory/people/model.ts'
import { insertOrganisation } from '../../src/directory/organisations/repository.ts'
import { insertPerson } from '../../src/directory/people/repository.ts'
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
      const created = await insertOrganisation(trx, partnershipId, input)
      refs.set('organisation', organisation.key, created.id)
      await audit({ action: 'create', entityType: 'organisation', entityId: created.id, summary: `Added organisation ‘${created.name}’`, after: created })
    }

    for (const person of demoPeople) {
      const organisationId = person.organisation ? refs.get('organisation', person.organisation) : null
      const input = personForm.parse({ name: null, roleTitle: person.roleTitle, jobTitle: null, organisationId, email: null })
      const created = await insertPerson(trx, partnershipId, input)
      refs.set('person', person.key, created.id)
      await audit({ action: 'create', entityType: 'person', entityId: created.id, summary: `Added person ‘${personLabel(created)}’`, after: created })
    }
  },
}
