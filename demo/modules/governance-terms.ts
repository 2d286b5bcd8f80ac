import type { DemoModule } from '../context.ts'
import { parseTermsForm } from '../../src/governance/terms-of-reference/schema.ts'
import { insertVersion } from '../../src/governance/terms-of-reference/repository.ts'
import { demoActorLabel } from '../context.ts'

interface DemoTerms {
  /** The body's key, as the governance-bodies module set it in refs. */
  body: string
  purpose: string
  membership?: string
  delegatedPowers?: string
  reportingArrangements?: string
  agreedOn: string
  reviewDueOn: string
}

/**
 * Terms of reference as the seed papers describe them. Seed 001's development
 * plan gives months, not days ("January 2008", "November 2007"): the last day
 * of the month stands for it, and a year's review is assumed. Seed 000 §6.2 says
 * the Strategic Partnership Board "will be formally established with agreed
 * membership and terms of reference" after the 2019 workshops: its two versions
 * are illustrative. The Stakeholder Partnership Board's terms of reference were
 * to be "revisited"; it, the Children and Young People Stakeholder Board, the
 * Health and Wellbeing Board and the JSNA sub-group have none recorded, so the
 * "needs attention" panel has real gaps to show. Versions listed oldest first.
 */
export const demoTerms: readonly DemoTerms[] = [
  {
    body: 'cfc-board',
    purpose: 'To set the strategic direction for the Children and Young People Partnership and Oldham’s Children’s Trust approach.',
    membership:
      'The members of the former Partnership Executive Board: OMBC, the PCT, the Police, the voluntary, community and faith sector, further education, schools and the LSC.',
    delegatedPowers: 'The level of decision making delegated to the Board to be agreed by the partner agencies (development plan, January 2008).',
    reportingArrangements: 'Accountable to the Oldham Partnership, as its thematic board for children and young people.',
    agreedOn: '2008-01-31',
    reviewDueOn: '2009-01-31',
  },
  {
    body: 'cfc-strategy-group',
    purpose:
      'To drive the work of the Partnership and identify and develop cross-cutting approaches. Adopting a performance management role, to receive reports from the Delivery Partnerships and locality planning structures on need, priorities and performance.',
    membership: 'Based on the Joint Leadership Team. The chair and lead officer of each Delivery Partnership are members.',
    delegatedPowers: 'Delegated decision-making powers to be agreed by key partner agencies.',
    reportingArrangements: 'Makes recommendations to the Changing for Children Board on appropriate interventions.',
    agreedOn: '2008-01-31',
    reviewDueOn: '2009-01-31',
  },
  {
    body: 'icg',
    purpose:
      'To set an agreed strategic direction for commissioning services for children and young people against the priorities of the Children and Young People block of the Local Area Agreement and the Children and Young People Plan, through an Integrated Commissioning Framework.',
    reportingArrangements: 'Receives the commissioning intentions of the Delivery Partnerships; reports to the Changing for Children Strategy Group.',
    agreedOn: '2007-11-30',
    reviewDueOn: '2008-11-30',
  },
  {
    body: 'spb',
    purpose:
      'To bring partners together formally to deliver the ambition that Oldham is ‘a place where children and young people thrive’, overseeing progress towards shared objectives, with partners supporting and challenging each other.',
    membership: 'Chaired by the Cabinet Member for Children’s Services. Statutory and non-statutory partner organisations.',
    reportingArrangements: 'Accountable to the Health and Wellbeing Board, with regular updates on the Children and Young People Strategy action plan.',
    agreedOn: '2019-06-30',
    reviewDueOn: '2020-06-30',
  },
  {
    body: 'spb',
    purpose:
      'To bring partners together formally to deliver the ambition that Oldham is ‘a place where children and young people thrive’, overseeing the Children and Young People Strategy 2019–2022 and its action plan, and making sure the voice of children and young people is evidenced in its work.',
    membership:
      'Chaired by the Cabinet Member for Children’s Services. Statutory and non-statutory partner organisations, including the three safeguarding partners (the Council, the CCG and the Police).',
    reportingArrangements:
      'Accountable to the Health and Wellbeing Board, with a quarterly update on the Strategy’s action plan and its key performance indicators.',
    agreedOn: '2020-07-31',
    reviewDueOn: '2021-07-31',
  },
]

export const governanceTerms: DemoModule = {
  name: 'terms of reference',
  async seed({ trx, partnershipId, refs, audit }) {
    const versions = new Map<string, number>()
    for (const terms of demoTerms) {
      const bodyId = refs.get('body', terms.body)
      const versionNumber = (versions.get(bodyId) ?? 0) + 1
      versions.set(bodyId, versionNumber)
      // Through the same form rules a person's version would meet.
      const input = parseTermsForm({ ...terms })
      const created = await insertVersion(trx, partnershipId, bodyId, versionNumber, input, null, demoActorLabel)
      await audit({
        action: 'create',
        entityType: 'terms-of-reference',
        entityId: created.id,
        summary: `Added version ${versionNumber} of the terms of reference`,
        after: created,
      })
    }
  },
}
