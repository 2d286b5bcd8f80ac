import type { WorkstreamKind } from '../../src/platform/db/strategy-tables.ts'
import type { OutcomeKey } from './framework.ts'

export interface DemoWorkstream {
  title: string
  kind: WorkstreamKind
  /**
   * Keys of the 2019 outcomes (demo/data/framework.ts) the workstream plainly
   * contributes to. Only where a reader of both papers would agree: these are
   * 2007 workstreams and the outcomes were written twelve years later, so most
   * are left unlinked rather than guessed at.
   */
  outcomes?: OutcomeKey[]
}

export interface DemoDeliveryPartnership {
  /** The demo body (demo/data/bodies.ts) of the Delivery Partnership the seed lists them under. */
  body: string
  workstreams: DemoWorkstream[]
}

// Seed 001 Appendix 1, "Delivery Partnerships Example work streams – these
// will be further developed", as a reader takes it from the PDF-extracted text:
// the seven Delivery Partnership names are headings among the workstream lines,
// and some lines the extraction merged are split where they plainly name two
// things ("Connexions Teenage Pregnancy", "Secondary Strategy 14-19 strategy",
// "Care Management Traveller children", "Housing Needs Respect", "OASIS Youth
// Offending"); "Early Childhood Services / Commissioning Partnership", split
// over two lines, is one. The titles keep the seed's own words (and its
// "CAMH's").
//
// Kind: a name ending in Strategy is a strategy; a name ending in Service or
// Therapy, or one naming a standing provision (assessment, advocacy, support to
// a group of children), a service; a programme of work with an end in view
// (Building Schools for the Future, the AIM Project, academies, the Early
// Childhood Services partnerships' development work), a project.
//
// None is linked to an objective of the 2007 delivery plan: the plan's
// objectives set up the Children's Trust itself (governance, planning,
// commissioning, communication, performance), not the services these
// workstreams run, so no link would be plainly right.
export const demoWorkstreams: readonly DemoDeliveryPartnership[] = [
  {
    body: 'dp-early-intervention',
    workstreams: [
      { title: 'Parenting Strategy', kind: 'strategy' },
      { title: 'Prevention Strategy', kind: 'strategy' },
      // Play is something to do; early years and health improvement name their outcomes.
      { title: 'Play Strategy', kind: 'strategy', outcomes: ['contributing'] },
      { title: 'Parenting', kind: 'service' },
      { title: 'Young Carers', kind: 'service' },
      { title: 'Early Years', kind: 'service', outcomes: ['achieving'] },
      { title: 'Extended Schools', kind: 'project' },
      { title: 'Health improvement', kind: 'project', outcomes: ['healthy'] },
    ],
  },
  {
    body: 'dp-complex-needs',
    workstreams: [
      { title: 'SEN/CD Strategy', kind: 'strategy' },
      // Mental health and the therapies serve health, "including emotionally and mentally".
      { title: 'CAMH’s', kind: 'service', outcomes: ['healthy'] },
      { title: 'Complex Case', kind: 'service' },
      { title: 'Physiotherapy', kind: 'service', outcomes: ['healthy'] },
      { title: 'Speech & Language Therapy', kind: 'service', outcomes: ['healthy'] },
      { title: 'Occupational Therapy', kind: 'service', outcomes: ['healthy'] },
    ],
  },
  {
    body: 'dp-early-childhood',
    workstreams: [
      { title: 'Early Childhood Services Commissioning Partnership', kind: 'project' },
      { title: 'Integrating Early Childhood services Partnership (CCs)', kind: 'project' },
      { title: 'Childcare Improvement Partnership', kind: 'project' },
      { title: 'Childcare Action Partnership', kind: 'project' },
      { title: 'Information Partnership', kind: 'project' },
    ],
  },
  {
    body: 'dp-learning',
    workstreams: [
      // School improvement, attendance, the national strategies, the virtual school and study support are doing well at school; 14-19 also leads into work.
      { title: 'School Improvement Advisors', kind: 'service', outcomes: ['achieving'] },
      { title: 'School Improvement Attendance Service', kind: 'service', outcomes: ['achieving'] },
      { title: 'Building Schools for the Future (BSF)', kind: 'project' },
      { title: 'Academies', kind: 'project' },
      { title: 'Primary Strategy', kind: 'strategy', outcomes: ['achieving'] },
      { title: 'Virtual School Head', kind: 'service', outcomes: ['achieving'] },
      { title: 'Excellence in Oldham', kind: 'project' },
      { title: 'Study Support', kind: 'service', outcomes: ['achieving'] },
      { title: 'Secondary Strategy', kind: 'strategy', outcomes: ['achieving'] },
      { title: '14-19 Strategy', kind: 'strategy', outcomes: ['achieving', 'adulthood'] },
    ],
  },
  {
    body: 'dp-looked-after',
    workstreams: [
      { title: 'Looked After Children Placement Strategy', kind: 'strategy' },
      // Care leavers' journey into adulthood and independence.
      { title: 'After Care Strategy', kind: 'strategy', outcomes: ['adulthood'] },
      { title: 'Permanence Strategy', kind: 'strategy' },
      { title: 'Advocacy and Independent Visiting', kind: 'service' },
      { title: 'Life Chances', kind: 'project' },
      { title: 'Corporate Parenting', kind: 'service' },
      { title: 'Provision of Placements', kind: 'service' },
    ],
  },
  {
    body: 'dp-children-in-need',
    workstreams: [
      // Children's social care's front door, out-of-hours duty and protection work, and domestic violence: keeping children safe.
      { title: 'Referral and Assessment', kind: 'service', outcomes: ['safe'] },
      { title: 'Care Management', kind: 'service' },
      { title: 'Traveller children', kind: 'service' },
      { title: 'Domestic Violence', kind: 'service', outcomes: ['safe'] },
      { title: 'Education Psychology', kind: 'service' },
      { title: 'Family Support Tiers 3&4', kind: 'service' },
      { title: 'Out of Hours Service (EDT)', kind: 'service', outcomes: ['safe'] },
      { title: 'Safeguarding & Child Protection', kind: 'service', outcomes: ['safe'] },
      { title: 'AIM Project', kind: 'project' },
      { title: 'Messenger', kind: 'project' },
      { title: 'Asylum Seekers & Refugees', kind: 'service' },
    ],
  },
  {
    body: 'dp-youth',
    workstreams: [
      // Youth work, sport, music and outdoor education are things to do; Connexions (careers advice) and housing lead into adulthood and independence.
      { title: 'Youth Service', kind: 'service', outcomes: ['contributing'] },
      { title: 'Connexions', kind: 'service', outcomes: ['adulthood'] },
      { title: 'Teenage Pregnancy', kind: 'project', outcomes: ['healthy'] },
      { title: 'Housing Needs', kind: 'service', outcomes: ['adulthood'] },
      { title: 'Respect', kind: 'project' },
      { title: 'OASIS', kind: 'project' },
      { title: 'Youth Offending', kind: 'service' },
      { title: 'Young Peoples Housing Strategy', kind: 'strategy', outcomes: ['adulthood'] },
      { title: 'Youth Matters – targeted FI Project', kind: 'project' },
      { title: 'Sports Development', kind: 'service', outcomes: ['contributing', 'healthy'] },
      { title: 'Music Service', kind: 'service', outcomes: ['contributing'] },
      { title: 'Outdoor Education', kind: 'service', outcomes: ['contributing'] },
    ],
  },
]
