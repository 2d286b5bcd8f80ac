import type { BodyKind, MemberRole } from '../../src/platform/db/tables.ts'
import type { OrganisationKey } from './organisations.ts'
import type { demoPeople } from './people.ts'

type PersonKey = (typeof demoPeople)[number]['key']

export interface DemoMembership {
  person: PersonKey
  role: MemberRole
  /** Only where they represent someone other than their own organisation. */
  representing?: OrganisationKey
}

export interface DemoBody {
  key: string
  name: string
  shortName?: string
  kind: BodyKind
  purpose: string
  /** A body listed earlier. */
  accountableTo?: string
  establishedOn: string | null
  endedOn?: string
  supersededBy?: string
  members: DemoMembership[]
}

// Dates: seed 001 gives 2003 for the Children and Young People Partnership
// (year only: 1 April assumed) and says the Children's Trust framework will be
// "in place and operating by April 2008" (so 1 April 2008 for the new bodies).
// Seed 000 (29 January 2019) says the Strategic Partnership Board would be
// established after that year's workshops and would take over from the Best
// Start in Life Partnership (1 April 2019 assumed for both). Every other date
// is marked as an assumption where it is given.
const trustStart = '2008-04-01'
// Assumption: the Children's Trust bodies gave way to the Best Start in Life
// Partnership when its plan (2016–19) began; seed 000 says only that the
// Children's Trust Board "evolved into" it.
const trustEnd = '2016-04-01'

const deliveryPartnership = (key: string, name: string, purpose: string, lead: PersonKey): DemoBody => ({
  key,
  name: `${name} Delivery Partnership`,
  kind: 'delivery-partnership',
  purpose,
  accountableTo: 'cfc-strategy-group',
  establishedOn: trustStart,
  endedOn: trustEnd,
  members: [{ person: lead, role: 'lead-officer' }],
})

export const demoBodies: readonly DemoBody[] = [
  // The borough's local strategic partnership; the papers give no date for it.
  {
    key: 'oldham-partnership',
    name: 'Oldham Partnership',
    kind: 'strategic-partnership-board',
    purpose: 'The borough’s local strategic partnership, to which the thematic partnership boards are accountable.',
    establishedOn: null,
    members: [],
  },

  // 2003–2008: the Children and Young People Partnership as seed 001 found it.
  {
    key: 'executive-board',
    name: 'Children and Young People Partnership Executive Board',
    shortName: 'Executive Board',
    kind: 'strategic-partnership-board',
    purpose:
      'A thematic board of the Oldham Partnership: developed the first Children and Young People Plan and is charged with the delivery, monitoring and commissioning of services against the children and young people block of the Local Area Agreement.',
    accountableTo: 'oldham-partnership',
    establishedOn: '2003-04-01',
    endedOn: trustStart,
    supersededBy: 'cfc-board',
    members: [
      { person: 'dcs', role: 'lead-officer' },
      { person: 'pct-chief-executive', role: 'member' },
      { person: 'police-commander', role: 'member' },
      { person: 'vcfs-rep', role: 'member' },
      { person: 'college-principal', role: 'member' },
      { person: 'headteacher-rep', role: 'member' },
      { person: 'lsc-rep', role: 'member' },
    ],
  },
  {
    key: 'jlt',
    name: 'Joint Leadership Team',
    shortName: 'JLT',
    kind: 'strategy-group',
    purpose: 'The partnership’s joint leadership team of senior officers from the partner agencies.',
    accountableTo: 'executive-board',
    establishedOn: '2003-04-01', // Assumption: formed with the partnership.
    endedOn: trustStart,
    supersededBy: 'cfc-strategy-group',
    members: [{ person: 'dcs', role: 'chair' }],
  },

  // April 2008: the Children's Trust approach (seed 001, §6–11 and Appendix 1).
  {
    key: 'cfc-board',
    name: 'Changing for Children Board',
    kind: 'strategic-partnership-board',
    purpose: 'Sets the strategic direction for the Partnership and the Children’s Trust approach. Appoints the chair and lead officer of each Delivery Partnership.',
    accountableTo: 'oldham-partnership',
    establishedOn: trustStart,
    endedOn: trustEnd,
    supersededBy: 'best-start',
    members: [
      { person: 'cabinet-member', role: 'chair' }, // Assumption: the paper does not name the chair.
      { person: 'dcs', role: 'lead-officer' },
      { person: 'pct-chief-executive', role: 'member' },
      { person: 'police-commander', role: 'member' },
      { person: 'vcfs-rep', role: 'member' },
      { person: 'college-principal', role: 'member' },
      { person: 'headteacher-rep', role: 'member' },
      { person: 'lsc-rep', role: 'member' },
    ],
  },
  {
    key: 'cfc-strategy-group',
    name: 'Changing for Children Strategy Group',
    kind: 'strategy-group',
    purpose:
      'Drives the work of the Partnership and develops cross-cutting approaches. Receives reports from the Delivery Partnerships and locality planning structures on need, priorities and performance, and makes recommendations to the Changing for Children Board, with delegated decision-making powers agreed by the key partner agencies.',
    accountableTo: 'cfc-board',
    establishedOn: trustStart,
    endedOn: trustEnd,
    members: [
      { person: 'dcs', role: 'chair' },
      { person: 'lead-early-intervention', role: 'member' },
      { person: 'lead-complex-needs', role: 'member' },
      { person: 'lead-early-childhood', role: 'member' },
      { person: 'lead-learning', role: 'member' },
      { person: 'lead-looked-after', role: 'member' },
      { person: 'lead-children-in-need', role: 'member' },
      { person: 'lead-youth', role: 'member' },
    ],
  },
  {
    key: 'icg',
    name: 'Integrated Commissioning Group',
    shortName: 'ICG',
    kind: 'commissioning-group',
    purpose:
      'Sets an agreed strategic direction for commissioning services for children and young people against the priorities of the Local Area Agreement block and the Children and Young People Plan, through an Integrated Commissioning Framework.',
    accountableTo: 'cfc-board', // Assumption: the paper does not say whom the ICG reports to.
    establishedOn: '2007-04-01', // Assumption: already at work when the paper was written in 2007.
    endedOn: trustEnd,
    members: [
      { person: 'dcs', role: 'chair' },
      { person: 'pct-chief-executive', role: 'member' },
      { person: 'vcfs-rep', role: 'member' },
    ],
  },
  deliveryPartnership('dp-early-intervention', 'Early Intervention and Prevention', 'Parenting, prevention and play strategies, young carers, early years, extended schools and health improvement.', 'lead-early-intervention'),
  deliveryPartnership('dp-complex-needs', 'Complex Needs and Disabilities', 'The SEN and complex disabilities strategy, CAMHS, complex cases, and physiotherapy, speech and language and occupational therapy.', 'lead-complex-needs'),
  deliveryPartnership('dp-early-childhood', 'Early Childhood Services', 'Commissioning and integrating early childhood services, children’s centres, childcare improvement and information.', 'lead-early-childhood'),
  deliveryPartnership('dp-learning', 'Learning', 'Learning outcomes for children and young people.', 'lead-learning'),
  deliveryPartnership('dp-looked-after', 'Looked After Children', 'Outcomes for children looked after by the council.', 'lead-looked-after'),
  deliveryPartnership('dp-children-in-need', 'Children in Need', 'Outcomes for children in need.', 'lead-children-in-need'),
  deliveryPartnership('dp-youth', 'Integrated Youth Services', 'Integrated youth services.', 'lead-youth'),
  {
    key: 'locality-planning',
    name: 'Locality planning groups',
    kind: 'locality-group',
    purpose: 'Locality governance working towards a needs-based approach to service design and locality-based commissioning; report to the Changing for Children Strategy Group.',
    accountableTo: 'cfc-strategy-group',
    establishedOn: trustStart,
    endedOn: trustEnd,
    members: [],
  },
  {
    key: 'stakeholder-partnership-board',
    name: 'Stakeholder Partnership Board',
    kind: 'stakeholder-board',
    purpose:
      'Brings together all agencies who contribute to the outcomes for children, young people and families to review the policies and priorities for Oldham and scrutinise their implementation. Meets as a conference three times a year.',
    accountableTo: 'cfc-board', // Assumption: the paper makes it "an integral part" of the approach without saying to whom it reports.
    establishedOn: '2003-04-01', // Assumption: part of the partnership from its start.
    endedOn: trustEnd,
    members: [{ person: 'vcfs-rep', role: 'member' }],
  },
  {
    key: 'cyp-stakeholder-board',
    name: 'Children and Young People Stakeholder Board',
    kind: 'children-and-young-peoples-board',
    purpose: 'Formalises children and young people’s involvement in the design and delivery of services, building on existing forums.',
    accountableTo: 'cfc-board', // Assumption, as for the Stakeholder Partnership Board.
    establishedOn: trustStart,
    endedOn: trustEnd,
    members: [
      { person: 'stakeholder-board-chair', role: 'chair' },
      { person: 'youth-council-rep', role: 'member' },
    ],
  },

  // 2019: the report to the Health and Wellbeing Board of 29 January 2019 (seed 000).
  {
    key: 'hwb',
    name: 'Health and Wellbeing Board',
    kind: 'health-and-wellbeing-board',
    purpose: 'The statutory board through which the council and the CCG meet their joint duties, including the Joint Strategic Needs Assessment.',
    establishedOn: '2013-04-01', // Assumption: when the Health and Social Care Act 2012 made the boards statutory.
    members: [
      { person: 'dcs', role: 'member' },
      { person: 'ccg-chief-officer', role: 'member' },
    ],
  },
  {
    key: 'jsna-sub-group',
    name: 'JSNA sub-group',
    kind: 'sub-group',
    purpose: 'Oversees the Joint Strategic Needs Assessment process and agrees the JSNA work plan.',
    accountableTo: 'hwb',
    establishedOn: '2013-04-01', // Assumption: set up with the board.
    members: [],
  },
  {
    key: 'best-start',
    name: 'Best Start in Life Partnership',
    kind: 'strategic-partnership-board',
    purpose: 'Held the system governance for children and young people under the Best Start in Life Plan (2016–19).',
    accountableTo: 'hwb',
    establishedOn: trustEnd,
    endedOn: '2019-04-01',
    supersededBy: 'spb',
    members: [{ person: 'dcs', role: 'lead-officer' }],
  },
  {
    key: 'spb',
    name: 'Children and Young People’s Strategic Partnership Board',
    kind: 'strategic-partnership-board',
    purpose:
      'Formally brings partners together to deliver the ambition of Oldham being ‘a place where children and young people thrive’: oversees progress towards the shared objectives, holds the oversight and accountability function for the children and young people’s agenda, and gives regular updates to the Health and Wellbeing Board.',
    accountableTo: 'hwb',
    establishedOn: '2019-04-01',
    members: [
      { person: 'cabinet-member', role: 'chair' },
      { person: 'dcs', role: 'lead-officer' },
      { person: 'ad-safeguarding', role: 'lead-officer' },
      { person: 'ccg-chief-officer', role: 'member' },
      { person: 'police-commander', role: 'member' },
      { person: 'headteacher-rep', role: 'member' },
      { person: 'youth-council-rep', role: 'member' },
      { person: 'staff-college-lead', role: 'adviser' },
    ],
  },
  {
    key: 'safeguarding-partnership',
    name: 'Oldham Safeguarding Children Partnership',
    kind: 'strategic-partnership-board',
    purpose: 'The revised local safeguarding arrangements: the shared statutory responsibility of the Council, the CCG and the Police, working with wider partners.',
    establishedOn: '2019-09-29', // Assumption: the national date for the new arrangements.
    members: [
      { person: 'dcs', role: 'member' },
      { person: 'ccg-chief-officer', role: 'member' },
      { person: 'police-commander', role: 'member' },
    ],
  },
  {
    key: 'lscb',
    name: 'Oldham Local Safeguarding Children Board',
    shortName: 'LSCB',
    kind: 'strategic-partnership-board',
    purpose: 'The statutory safeguarding board, replaced by the safeguarding partnership of the Council, CCG and Police.',
    establishedOn: '2006-04-01', // Assumption: when the Children Act 2004 made the boards statutory.
    endedOn: '2019-09-29', // Assumption: as for the safeguarding partnership.
    supersededBy: 'safeguarding-partnership',
    members: [{ person: 'safeguarding-chair', role: 'chair' }],
  },
]
