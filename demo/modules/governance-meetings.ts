import type { DemoModule } from '../context.ts'
import { agendaItemForm, decisionForm, meetingForm, recommendationForm } from '../../src/governance/meetings/schema.ts'
import { insertItem, insertMeeting, insertRecommendation, recordDecision } from '../../src/governance/meetings/repository.ts'
import { actionForm } from '../../src/governance/actions/schema.ts'
import { insertAction } from '../../src/governance/actions/repository.ts'

/** Seed 000's report, as the agenda item's paper: a summary of what the Board was told. */
const report = [
  'In summer 2018 the Health and Wellbeing Board agreed that a revised approach was needed to strategic partnership working for children and young people, to deliver the ambition that Oldham is ‘a place where children and young people thrive’. It approved the formal establishment of a Children and Young People’s Strategic Partnership Board, to oversee a Strategic Framework and a Children and Young People’s Strategy, succeeding the Best Start in Life Partnership.',
  'The Partnership Board is to be chaired by the Cabinet Member for Children’s Services and accountable to the Health and Wellbeing Board. The draft Strategic Framework sets out five outcomes: that children and young people are safe and feel safe; are as healthy as they can be; enjoy growing up in Oldham and do well in the early years, school and college; have things to do and opportunities to contribute; and are supported into adulthood, work and independence. It will align with the Greater Manchester Children’s Plan and its seven priorities.',
  'The framework is to be co-produced in two workshops run by the Staff College: a half-day for senior leaders of the Oldham Partnership on Thursday 7 February 2019, then a full day for a wider group of system leaders. The Partnership Board will then be formally established with agreed membership and terms of reference, and will lead the Children and Young People Strategy 2019–2022.',
].join('\n\n')

/** The two recommendations as section 7 of the report words them, with what the Board decided. */
const recommendations = [
  {
    label: 'a)',
    text: 'Approve the approach to establish the Children and Young People’s Strategic Framework and Children and Young People Strategy via a series of engagement workshops with Oldham Partnership Leaders and children and young people.',
    decision: 'approved',
    decisionText: '',
  },
  {
    label: 'b)',
    text: 'Note and endorse the approach to establishing the Children and Young People’s Strategic Partnership Board.',
    decision: 'endorsed',
    decisionText: 'Noted and endorsed',
  },
] as const

/**
 * The Health and Wellbeing Board meeting of 29 January 2019 (seed 000), held,
 * with the report establishing the Strategic Partnership on its agenda, the
 * Board's decisions on its recommendations and the action that followed.
 * The papers give neither a start time nor a place: 2pm is an assumption.
 */
export const governanceMeetings: DemoModule = {
  name: 'meetings, decisions and actions',
  async seed({ trx, partnershipId, refs, audit }) {
    const bodyId = refs.get('body', 'hwb')
    const meeting = await insertMeeting(
      trx,
      partnershipId,
      meetingForm.parse({ bodyId, day: '29', month: '1', year: '2019', time: '14:00', location: '', notes: '', status: 'held' }),
    )
    refs.set('meeting', 'hwb-2019-01-29', meeting.id)
    await audit({
      action: 'create',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: 'Recorded the Health and Wellbeing Board meeting of 29 January 2019',
      after: meeting,
    })

    const item = await insertItem(
      trx,
      partnershipId,
      meeting.id,
      agendaItemForm.parse({
        title: 'Establishment of the Children and Young People’s Strategic Partnership',
        presenterId: refs.get('person', 'ad-safeguarding'),
        purpose: 'decision',
        report,
      }),
    )
    await audit({ action: 'create', entityType: 'agenda-item', entityId: item.id, summary: `Added ‘${item.title}’ to the agenda`, after: item })

    for (const r of recommendations) {
      const created = await insertRecommendation(trx, partnershipId, item.id, recommendationForm.parse({ label: r.label, text: r.text }))
      const decided = await recordDecision(
        trx,
        partnershipId,
        created.id,
        created.version,
        decisionForm.parse({ decision: r.decision, decisionText: r.decisionText }),
      )
      if (!decided) throw new Error(`Demo recommendation ${r.label} changed while being seeded`)
      await audit({
        action: 'create',
        entityType: 'recommendation',
        entityId: created.id,
        summary: `Recorded recommendation ${r.label} and its decision: ${r.decision}`,
        after: decided,
      })
    }

    // Seed 000 §6.1: the Staff College workshops, the first on Thursday 7 February 2019.
    const action = await insertAction(
      trx,
      partnershipId,
      actionForm.parse({
        bodyId,
        meetingId: meeting.id,
        agendaItemId: item.id,
        description:
          'Arrange the two Staff College workshops to co-produce the Strategic Framework: workshop 1 (half a day, senior leaders of the Oldham Partnership) on Thursday 7 February 2019, then workshop 2 (a full day, wider system leaders).',
        ownerId: refs.get('person', 'ad-safeguarding'),
        dueDay: '7',
        dueMonth: '2',
        dueYear: '2019',
      }),
    )
    await audit({
      action: 'create',
      entityType: 'action',
      entityId: action.id,
      summary: 'Added the action to arrange the Staff College workshops',
      after: action,
    })
  },
}
