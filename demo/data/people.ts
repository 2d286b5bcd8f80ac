import type { OrganisationKey } from './organisations.ts'

// People appear by the role they hold, never by name: the papers name
// office-holders, but a demo has no business repeating them. Each role is one
// the papers describe or imply, linked to the organisation that provides it.

export interface DemoPerson {
  /** How other demo data (memberships of bodies, owners of actions) refers to this person; never shown. */
  key: string
  roleTitle: string
  /** Null where the papers do not say which organisation provides the post. */
  organisation: OrganisationKey | null
}

export const demoPeople = [
  // 2019: the report to the Health and Wellbeing Board.
  { key: 'cabinet-member', roleTitle: 'Cabinet Member for Children’s Services', organisation: 'council' },
  { key: 'dcs', roleTitle: 'Director of Children’s Services', organisation: 'council' },
  { key: 'ad-safeguarding', roleTitle: 'Assistant Director Safeguarding and Partnerships', organisation: 'council' },
  { key: 'police-commander', roleTitle: 'Chief Superintendent, Oldham district', organisation: 'police' },
  { key: 'ccg-chief-officer', roleTitle: 'Chief Officer, NHS Oldham CCG', organisation: 'ccg' },
  { key: 'safeguarding-chair', roleTitle: 'Independent Chair, Oldham Local Safeguarding Children Board', organisation: 'safeguarding-board' },
  { key: 'staff-college-lead', roleTitle: 'Workshop lead, The Staff College', organisation: 'staff-college' },
  { key: 'youth-council-rep', roleTitle: 'Youth Council representative', organisation: 'youth-council' },

  // 2007: the Executive Board’s partners (OMBC, PCT, Police, VCFS, FE, schools and the LSC).
  { key: 'pct-chief-executive', roleTitle: 'Chief Executive, Oldham Primary Care Trust', organisation: 'pct' },
  { key: 'lsc-rep', roleTitle: 'Learning and Skills Council representative', organisation: 'lsc' },
  { key: 'college-principal', roleTitle: 'Principal, Oldham College', organisation: 'college' },
  { key: 'headteacher-rep', roleTitle: 'Headteacher representative', organisation: 'schools' },
  { key: 'vcfs-rep', roleTitle: 'Voluntary, community and faith sector representative', organisation: 'vcfs' },
  { key: 'stakeholder-board-chair', roleTitle: 'Chair of the Children and Young People Stakeholder Board', organisation: null },

  // 2007: each delivery partnership (Appendix 1) has a lead officer appointed by the Changing for Children Board.
  { key: 'lead-early-intervention', roleTitle: 'Lead officer, Early Intervention and Prevention Delivery Partnership', organisation: null },
  { key: 'lead-complex-needs', roleTitle: 'Lead officer, Complex Needs and Disabilities Delivery Partnership', organisation: null },
  { key: 'lead-early-childhood', roleTitle: 'Lead officer, Early Childhood Services Delivery Partnership', organisation: null },
  { key: 'lead-learning', roleTitle: 'Lead officer, Learning Delivery Partnership', organisation: null },
  { key: 'lead-looked-after', roleTitle: 'Lead officer, Looked After Children Delivery Partnership', organisation: null },
  { key: 'lead-children-in-need', roleTitle: 'Lead officer, Children in Need Delivery Partnership', organisation: null },
  { key: 'lead-youth', roleTitle: 'Lead officer, Integrated Youth Services Delivery Partnership', organisation: null },
] as const satisfies readonly DemoPerson[]
