import type { DemoModule } from '../context.ts'
import { plannedItemForm } from '../../src/governance/forward-plan/schema.ts'
import { insertItem } from '../../src/governance/forward-plan/repository.ts'
import { meetingForm } from '../../src/governance/meetings/schema.ts'
import { insertMeeting } from '../../src/governance/meetings/repository.ts'
import { formatUkDate } from '../../src/platform/dates/index.ts'

/**
 * The forward plan: seed 000 §4 has the Strategic Partnership Board "provide
 * regular updates to the Health and Wellbeing Board" (quarterly is an
 * assumption), and seed 001 Appendix 2 aim 5 plans a quarterly "Children's
 * Trust approach update in One Voice newsletter" for 2008. The Health and
 * Wellbeing Board's 2026–2027 meetings are invented, quarterly at 2pm, so that
 * the plan has somewhere to place the updates today.
 */
export const governanceForwardPlan: DemoModule = {
  name: 'forward plan',
  async seed({ trx, partnershipId, refs, audit }) {
    const hwb = refs.get('body', 'hwb')
    for (const [day, month, year] of [
      ['8', '12', '2026'],
      ['9', '3', '2027'],
      ['8', '6', '2027'],
      ['14', '9', '2027'],
      ['7', '12', '2027'],
    ] as const) {
      const meeting = await insertMeeting(
        trx,
        partnershipId,
        meetingForm.parse({ bodyId: hwb, day, month, year, time: '14:00', location: 'Civic Centre, Oldham', notes: '', status: 'scheduled' }),
      )
      await audit({
        action: 'create',
        entityType: 'meeting',
        entityId: meeting.id,
        summary: `Scheduled the Health and Wellbeing Board meeting of ${formatUkDate(meeting.starts_at)}`,
        after: meeting,
      })
    }

    const items = [
      {
        bodyId: hwb,
        title: 'Quarterly update from the Children and Young People’s Strategic Partnership Board',
        purpose: 'noting',
        leadId: refs.get('person', 'cabinet-member'),
        firstDueOn: '2019-04-01',
        recurrence: 'quarterly',
      },
      {
        bodyId: refs.get('body', 'cfc-board'),
        title: 'Children’s Trust approach update in One Voice newsletter',
        purpose: 'information',
        leadId: refs.get('person', 'ad-safeguarding'),
        firstDueOn: '2008-01-01',
        recurrence: 'quarterly',
        endsOn: '2008-12-31',
      },
    ]
    for (const input of items) {
      const item = await insertItem(trx, partnershipId, plannedItemForm.parse(input))
      await audit({ action: 'create', entityType: 'planned-item', entityId: item.id, summary: `Added ‘${item.title}’ to the forward plan`, after: item })
    }
  },
}
