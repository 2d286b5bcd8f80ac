import type { PriorityKey } from './gm-priorities.ts'

// Seed 000: Oldham's Children and Young People's Strategic Framework, version 1.
// §2 gives the ambition and the five outcomes the Health and Wellbeing Board
// agreed; §3 the nine "Every Oldham child will…" commitments (two typos of the
// seed corrected: "will be start school" and "will be have"); §6 the two Staff
// College workshops that co-produced the framework, the first on Thursday
// 7 February 2019. The seed gives neither the second workshop's date nor the
// adoption date: both are illustrative and the version's introduction says so.

export type OutcomeKey = 'safe' | 'healthy' | 'achieving' | 'contributing' | 'adulthood'
export type CommitmentKey =
  | 'best-start'
  | 'school-ready'
  | 'prepared-for-adult-life'
  | 'good-school'
  | 'post-16'
  | 'wellbeing'
  | 'protection'
  | 'voice'
  | 'community'

export const frameworkVersion1 = {
  title: 'Oldham Children and Young People’s Strategic Framework',
  ambition: 'a place where children and young people thrive',
  introduction: [
    'The Strategic Framework sets out how Oldham’s partner agencies intend to deliver the ambition for our children and young people, and how by working together our key organisations and most importantly our children, young people and their families can create and sustain a great future where everyone has the chance to thrive wherever they live in the Borough and whatever challenges they might face.',
    'The draft framework went to the Health and Wellbeing Board on 29 January 2019 and was co-produced through two Staff College workshops: a half-day for senior leaders of the Oldham Partnership on 7 February 2019, then a full day for a wider group of system leaders.',
    'In this demo the end of the consultation (29 March 2019) and the date of adoption (30 June 2019) are illustrative: the papers do not give them.',
  ].join('\n'),
  consultationStartsOn: '2019-02-07',
  consultationEndsOn: '2019-03-29',
  adoptedOn: '2019-06-30',
  adoptedBy: 'spb',
}

/** "In order to thrive, it is essential that our children and young people:" */
export const outcomes: { key: OutcomeKey; title: string; priorities: PriorityKey[] }[] = [
  // GM "Safe children and young people" is about keeping children safe and protecting them.
  { key: 'safe', title: 'Are safe and feel safe', priorities: ['safe'] },
  // GM "Healthy children and young people": the best health they can have.
  { key: 'healthy', title: 'Are as healthy as they can be, including emotionally and mentally', priorities: ['healthy'] },
  // Doing well "in the early years" is school readiness; "school and college" is quality education and outcomes.
  { key: 'achieving', title: 'Enjoy growing up in Oldham and do well in the early years, school and college', priorities: ['school-readiness', 'quality-education'] },
  // No GM priority is about things to do or contributing to communities: this outcome is Oldham's own.
  { key: 'contributing', title: 'Have things to do and opportunities to contribute to their communities', priorities: [] },
  // GM "Ready for Life": the transition to adulthood, as parents, workers and leaders.
  { key: 'adulthood', title: 'Are supported to make the successful journey into adulthood, work and independence', priorities: ['ready-for-life'] },
]

/**
 * The nine commitments, each with the outcomes it serves and the GM priorities
 * it serves. Nothing local names children with special educational needs and
 * disabilities, so the SEND priority is served by nothing: an honest gap the
 * matrix shows, not one the demo papers over.
 */
export const commitments: { key: CommitmentKey; text: string; outcomes: OutcomeKey[]; priorities: PriorityKey[] }[] = [
  // The best start in life is, word for word, GM's school readiness; early health is part of it.
  { key: 'best-start', text: 'Every Oldham child will be supported to have the best start in life.', outcomes: ['achieving', 'healthy'], priorities: ['school-readiness'] },
  { key: 'school-ready', text: 'Every Oldham child will start school ready to learn.', outcomes: ['achieving'], priorities: ['school-readiness'] },
  // Prepared for adult life through school: the transition to adulthood, and what school achieves.
  { key: 'prepared-for-adult-life', text: 'Every Oldham child will be prepared for adult life through their school education.', outcomes: ['adulthood', 'achieving'], priorities: ['ready-for-life', 'quality-education'] },
  // A school rated good or better is the quality of education.
  { key: 'good-school', text: 'Every Oldham child will have the opportunity to study at a school rated good or better.', outcomes: ['achieving'], priorities: ['quality-education'] },
  // Post-16 education: achievement in college, and the step towards work.
  { key: 'post-16', text: 'Every Oldham child will be supported to achieve their ambitions for post-16 education.', outcomes: ['achieving', 'adulthood'], priorities: ['quality-education', 'ready-for-life'] },
  {
    key: 'wellbeing',
    text: 'Every Oldham child will be supported to enjoy good mental wellbeing and experience the best possible health outcomes throughout life',
    outcomes: ['healthy'],
    priorities: ['healthy'],
  },
  // Protection and support "if and when they need it" is safeguarding, and for children the council looks
  // after it is what corporate parenting promises: the support and opportunities that should be available to all.
  {
    key: 'protection',
    text: 'Every Oldham child will be offered the necessary protection and support if and when they need it.',
    outcomes: ['safe'],
    priorities: ['safe', 'looked-after-children'],
  },
  // Having their voice heard and making a difference locally are Oldham's own: no GM priority speaks of them.
  {
    key: 'voice',
    text: 'Every Oldham child will be supported to make their voice heard to help design and improve children and young people’s services.',
    outcomes: ['contributing'],
    priorities: [],
  },
  {
    key: 'community',
    text: 'Every Oldham child will be supported to enjoy being a part of and make a difference in their local community.',
    outcomes: ['contributing'],
    priorities: [],
  },
]
