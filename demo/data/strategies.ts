import type { ObjectiveStatus, Rag } from '../../src/platform/db/strategy-tables.ts'

// Seed 000 §4: "the Strategic Framework will then be the basis on which the
// Children and Young People's Strategic Partnership Board establishes the
// Oldham's Children and Young People Strategy 2019 – 2022 and associated
// action plan". The period's days are an assumption: financial years, from
// 1 April 2019 (when the Board is assumed to start, see bodies.ts) to 31 March 2022.
export const demoStrategy = {
  title: 'Oldham Children and Young People Strategy 2019–2022',
  summary:
    'The strategy the Children and Young People’s Strategic Partnership Board establishes on the basis of the co-produced Strategic Framework, to deliver the ambition that Oldham is ‘a place where children and young people thrive’. The Board is responsible for ensuring that the strategy’s action plan is progressed and provides regular updates to the Health and Wellbeing Board.',
  startsOn: '2019-04-01',
  endsOn: '2022-03-31',
  ownerBody: 'spb',
  status: 'active' as const,
}

export interface DemoProgress {
  reportedOn: string
  status: ObjectiveStatus
  rag: Rag | null
  commentary: string
}

export interface DemoObjective {
  title: string
  /** As the plan would word it; where seed 000 gives no date the comment above it says what was assumed. */
  timescale: string
  owner: string | null
  leadBody: string | null
  expectedOutcome?: string
  outcomes: string[]
  progress?: DemoProgress
}

export interface DemoAim {
  number: number
  title: string
  expectedOutcome: string
  objectives: DemoObjective[]
}

const all = ['safe', 'healthy', 'achieving', 'contributing', 'adulthood']
/** Seed 000 is dated 29 January 2019 and reports nothing after it: every status here is invented, and says so. */
const illustrative = (what: string) => `Illustrative status (seed 000 reports no progress after 29 January 2019): ${what}`

export const demoActionPlan: { title: string; summary: string; leadBody: string; aims: DemoAim[] } = {
  title: 'Children and Young People Strategy 2019–2022 action plan',
  summary:
    'What seed 000 (the report to the Health and Wellbeing Board of 29 January 2019) says will happen: co-producing the Strategic Framework through two workshops, establishing the Strategic Partnership Board, the strategy and its action plan, the Board’s own KPIs, regular updates to the Health and Wellbeing Board, and informing the JSNA work plan.',
  leadBody: 'spb',
  aims: [
    {
      number: 1,
      title: 'Co-produce the Strategic Framework with partners, children and young people',
      expectedOutcome: 'A co-produced Strategic Framework, jointly owned by all partners, that gives clarity of purpose and effective governance for Oldham’s children and young people’s agendas (seed 000 §3 and §6.2)',
      objectives: [
        {
          title: 'Workshop 1: senior leaders from across the Oldham Partnership create a common moral purpose, understand the context for change, establish a sense of priority that responds to the messages from children, and look at their role as leaders',
          timescale: '7 February 2019',
          owner: 'staff-college-lead',
          leadBody: 'oldham-partnership',
          outcomes: all,
          progress: { reportedOn: '2019-02-08', status: 'complete', rag: 'green', commentary: illustrative('the half-day workshop was held as planned on Thursday 7 February, 9am to 12.30pm.') },
        },
        {
          // The seed gives workshop 2 no date; the framework is to be ready before the Board's first meeting, assumed April 2019.
          title: 'Workshop 2: a wider group of systems leaders develops and begins to implement the themes and outcomes from workshop 1 (a one-day workshop)',
          timescale: 'March 2019',
          owner: 'staff-college-lead',
          leadBody: 'oldham-partnership',
          outcomes: all,
          progress: { reportedOn: '2019-03-29', status: 'complete', rag: 'green', commentary: illustrative('the one-day workshop was held in March.') },
        },
        {
          // Assumed: the evaluation follows the workshops within the quarter after them.
          title: 'The Staff College evaluates the workshop sessions and feeds back to the Council and partners',
          timescale: 'Q2 2019',
          owner: 'staff-college-lead',
          leadBody: null,
          outcomes: all,
          progress: { reportedOn: '2019-06-28', status: 'at-risk', rag: 'amber', commentary: illustrative('the written evaluation has not yet come back from the Staff College.') },
        },
        {
          title: 'Agree the final Strategic Framework, co-produced through the workshops and jointly owned by all partners',
          timescale: 'March 2019',
          owner: 'ad-safeguarding',
          leadBody: 'hwb',
          outcomes: all,
          progress: { reportedOn: '2019-03-29', status: 'complete', rag: 'green', commentary: illustrative('the framework was agreed after workshop 2.') },
        },
      ],
    },
    {
      number: 2,
      title: 'Establish the Children and Young People’s Strategic Partnership Board',
      expectedOutcome: 'A Board, accountable to the Health and Wellbeing Board, that holds the oversight and accountability function for the children and young people’s agenda in Oldham (seed 000 §2)',
      objectives: [
        {
          // The seed: after the workshops; 1 April 2019 is the date bodies.ts assumes for the Board.
          title: 'Formally establish the Strategic Partnership Board with agreed membership and terms of reference, taking over the system governance held by the Best Start in Life Partnership',
          timescale: 'April 2019',
          owner: 'cabinet-member',
          leadBody: 'hwb',
          outcomes: all,
          progress: { reportedOn: '2019-04-30', status: 'complete', rag: 'green', commentary: illustrative('the Board met for the first time with its membership and terms of reference agreed.') },
        },
        {
          title: 'Ensure the child and young person’s voice is evidenced in the Board’s work, and that ongoing engagement and co-production become embedded in partnership work',
          timescale: 'ongoing',
          owner: 'youth-council-rep',
          leadBody: 'spb',
          outcomes: ['contributing'],
          progress: { reportedOn: '2019-09-30', status: 'on-track', rag: 'amber', commentary: illustrative('the Youth Council attends the Board, but engagement beyond it is not yet embedded.') },
        },
      ],
    },
    {
      number: 3,
      title: 'Establish the Children and Young People Strategy 2019–2022 and its action plan, and see them progressed',
      expectedOutcome: 'A strategy and action plan on the basis of the Strategic Framework, progressed under the Board and reported to the Health and Wellbeing Board (seed 000 §4)',
      objectives: [
        {
          // Assumed: within the Board's first quarter.
          title: 'Establish the Children and Young People Strategy 2019–2022 and its action plan on the basis of the Strategic Framework',
          timescale: 'Q2 2019',
          owner: 'dcs',
          leadBody: 'spb',
          outcomes: all,
          progress: { reportedOn: '2019-06-28', status: 'complete', rag: 'green', commentary: illustrative('the strategy and action plan were agreed by the Board.') },
        },
        {
          // Assumed: within the strategy's first year.
          title: 'Develop the Board’s own set of Key Performance Indicators, drawn from existing KPIs across the system',
          timescale: 'Q4 2019',
          owner: 'dcs',
          leadBody: 'spb',
          outcomes: all,
          progress: { reportedOn: '2019-12-20', status: 'off-track', rag: 'red', commentary: illustrative('partners have not yet agreed which existing KPIs to share.') },
        },
        {
          // Quarterly, as the forward plan assumes for the Board's updates.
          title: 'Provide regular updates on the action plan’s progress to the Health and Wellbeing Board',
          timescale: 'quarterly',
          owner: 'cabinet-member',
          leadBody: 'spb',
          outcomes: all,
        },
        {
          title: 'Keep the strategy aligned with the GM Children’s Plan and the GM Health and Wellbeing Framework for Children and Young People',
          timescale: 'ongoing',
          owner: 'ad-safeguarding',
          leadBody: 'spb',
          outcomes: all,
        },
      ],
    },
    {
      number: 4,
      title: 'Inform the Joint Strategic Needs Assessment and reflect its findings',
      expectedOutcome: 'Strategies and commissioning for children and young people that reflect the needs the JSNA identifies (seed 000 §5)',
      objectives: [
        {
          title: 'Inform the JSNA work plan via the Health and Wellbeing Board’s JSNA sub-group',
          timescale: 'in line with the JSNA planning cycle',
          owner: 'ccg-chief-officer',
          leadBody: 'jsna-sub-group',
          outcomes: all,
        },
        {
          title: 'Ensure that strategies and commissioning related to children and young people reflect the needs identified in the JSNA',
          timescale: 'ongoing',
          owner: 'dcs',
          leadBody: 'spb',
          outcomes: all,
        },
      ],
    },
  ],
}
