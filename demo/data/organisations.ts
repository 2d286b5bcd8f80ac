import type { Sector } from '../../src/platform/db/tables.ts'

// Partner organisations named in the seed papers, from both eras. Websites are
// given only for organisations whose public site is well known; bodies that no
// longer exist have none. Each description says where the organisation appears
// in the papers and, for those since abolished, what became of it.

export interface DemoOrganisation {
  /** How other demo data refers to it; never shown. */
  key: string
  name: string
  sector: Sector
  isStatutory: boolean
  website: string | null
  description: string
}

export const demoOrganisations = [
  {
    key: 'council',
    name: 'Oldham Metropolitan Borough Council',
    sector: 'local-authority',
    isStatutory: true,
    website: 'https://www.oldham.gov.uk',
    description:
      'The local authority (OMBC), in both papers. In 2007 it sat on the Children and Young People Partnership’s Executive Board and Joint Leadership Team; ' +
      'in 2019 its Cabinet Member for Children’s Services chairs the new Strategic Partnership Board, and with NHS Oldham CCG and the Police it shares the statutory responsibility for safeguarding.',
  },
  {
    key: 'pct',
    name: 'Oldham Primary Care Trust',
    sector: 'nhs',
    isStatutory: true,
    website: null,
    description:
      'Primary Care Trust (PCT) named in the 2007 Children’s Trust paper as a member of the Partnership’s Executive Board and Joint Leadership Team. ' +
      'Primary Care Trusts were abolished in 2013; its commissioning functions passed to NHS Oldham Clinical Commissioning Group.',
  },
  {
    key: 'police',
    name: 'Greater Manchester Police',
    sector: 'police',
    isStatutory: true,
    website: 'https://www.gmp.police.uk',
    description:
      'Represented on the Executive Board in 2007. In 2019 one of the three agencies, with the Council and NHS Oldham CCG, required to establish the revised local safeguarding arrangements.',
  },
  {
    key: 'lsc',
    name: 'Learning and Skills Council',
    sector: 'education',
    isStatutory: true,
    website: null,
    description:
      'The national funder of post-16 education and training (LSC), represented on the Executive Board in the 2007 paper. ' +
      'It closed in 2010; its functions passed to the Skills Funding Agency and the Young People’s Learning Agency.',
  },
  {
    key: 'college',
    name: 'Oldham College',
    sector: 'education',
    isStatutory: false,
    website: 'https://www.oldham.ac.uk',
    description:
      'The borough’s further education college. Further education (‘FE’) is represented on the Executive Board and Joint Leadership Team in the 2007 paper.',
  },
  {
    key: 'schools',
    name: 'Oldham schools and academies',
    sector: 'education',
    isStatutory: false,
    website: null,
    description:
      'Schools are represented on the Executive Board in 2007. In 2019 schools and settings and academies are the Council’s education partners in ‘A Partnership for Education in Oldham’, ' +
      'a self-improving, system-led approach aiming to increase the share of schools judged good or better by Ofsted.',
  },
  {
    key: 'trusts',
    name: 'Multi Academy Trusts and local dioceses',
    sector: 'education',
    isStatutory: false,
    website: null,
    description: 'Named in the 2019 report among the education partners driving the self-improving school system in Oldham.',
  },
  {
    key: 'vcfs',
    name: 'Oldham voluntary, community and faith sector',
    sector: 'vcfs',
    isStatutory: false,
    website: null,
    description:
      'The voluntary, community and faith sector (VCFS), represented on the Executive Board and Joint Leadership Team in 2007. ' +
      'The Integrated Commissioning Group commits to commissioning from the voluntary and community sector, and the readiness to deliver assessment asks each delivery partnership for evidence of the sector’s engagement.',
  },
  {
    key: 'ccg',
    name: 'NHS Oldham Clinical Commissioning Group',
    sector: 'nhs',
    isStatutory: true,
    website: null,
    description:
      'Took over the Primary Care Trust’s commissioning in 2013. In the 2019 report it shares the statutory safeguarding responsibility with the Council and the Police, ' +
      'and the joint duty with the Council to undertake the Joint Strategic Needs Assessment. Clinical commissioning groups were replaced by integrated care boards in July 2022.',
  },
  {
    key: 'staff-college',
    name: 'The Staff College',
    sector: 'other',
    isStatutory: false,
    website: null,
    description:
      'Leadership development organisation engaged in 2019 to develop a programme of two co-production workshops for the Strategic Framework — a half-day for senior leaders and a full day for wider system leaders — and to evaluate them.',
  },
  {
    key: 'youth-council',
    name: 'Oldham Youth Council',
    sector: 'other',
    isStatutory: false,
    website: null,
    description:
      'Named in the 2007 delivery plan as one of the existing forums on which a children and young people’s forum, and the Children and Young People Stakeholder Board, would be built.',
  },
  {
    key: 'safeguarding-board',
    name: 'Oldham Local Safeguarding Children Board',
    sector: 'other',
    isStatutory: true,
    website: null,
    description:
      'The statutory board for safeguarding children. The 2019 report says its arrangements will be revised to reflect the shared statutory responsibility of the Council, the CCG and the Police.',
  },
  {
    key: 'education-partnership',
    name: 'Oldham Education Partnership',
    sector: 'education',
    isStatutory: false,
    website: null,
    description:
      'Time-limited partnership centred on school improvement in 2019: leadership development, school-to-school support, professional development and Oldham-wide literacy and mathematics projects.',
  },
  {
    key: 'opportunity-area',
    name: 'Oldham Opportunity Area',
    sector: 'other',
    isStatutory: false,
    website: null,
    description:
      'Department for Education programme with time-limited funding. In 2019 it supports school readiness — children’s speech, language and communication and early literacy — and school improvement, including an approach to emotional and mental health in schools.',
  },
  {
    key: 'gmca',
    name: 'Greater Manchester Combined Authority',
    sector: 'local-authority',
    isStatutory: false,
    website: 'https://www.greatermanchester-ca.gov.uk',
    description:
      'The Greater Manchester context of the 2019 report: the draft Greater Manchester Children’s Plan, whose seven priorities are ‘a reference point’ for district plans, and the GM Health and Wellbeing Framework for Children and Young People.',
  },
  {
    key: 'oldham-cares',
    name: 'Oldham Cares',
    sector: 'other',
    isStatutory: false,
    website: null,
    description:
      'Oldham’s integrated health and social care arrangement. The 2019 report notes joint work on SEND and mental health, but that its footprint does not stretch across the whole children and young people’s agenda.',
  },
] as const satisfies readonly DemoOrganisation[]

export type OrganisationKey = (typeof demoOrganisations)[number]['key']
