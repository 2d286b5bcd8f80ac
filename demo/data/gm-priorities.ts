// Seed 000 §1.2: the draft Greater Manchester Children's Plan and its seven
// priorities, word for word (the seed runs each title into its description).
// Shared by every partnership on the service: the demo adds it only when no
// framework of that title exists yet.

export const gmChildrensPlan = {
  title: 'Greater Manchester Children’s Plan',
  publisher: 'Greater Manchester Combined Authority',
  scope: 'regional' as const,
  description:
    'A draft plan outlining the Greater Manchester context and ambition for outcomes for the children and young people of Greater Manchester, in seven key priority areas of focus that reflect the existing priorities of the Greater Manchester Strategy and the GM Children’s Health and Wellbeing Framework. The priorities are not intended to replace those set in each local authority but act as a reference point for GM’s collective aims and in the development of individual organisational and district level plans.',
  // The seed (January 2019) calls the plan a draft and gives no publication date.
  publishedOn: null,
}

export type PriorityKey = 'school-readiness' | 'quality-education' | 'send' | 'looked-after-children' | 'ready-for-life' | 'healthy' | 'safe'

export const gmPriorities: { key: PriorityKey; title: string; description: string }[] = [
  {
    key: 'school-readiness',
    title: 'School Readiness',
    description: 'The best start in life and the right support to be ready to learn are crucial factors for long term successful outcomes for children',
  },
  {
    key: 'quality-education',
    title: 'Quality Education and Outcomes',
    description: 'Increasing the quality of education and educational achievement, to match skills and academic achievement with the jobs of the future.',
  },
  {
    key: 'send',
    title: 'Special Educational Needs and Disabilities',
    description: 'All children and young people deserve the right to achieve their potential and a specific focus on those with SEND will help us support them to have the right start in life',
  },
  {
    key: 'looked-after-children',
    title: 'Looked After Children and Care Leavers',
    description: 'Fulfilling our individual and combined corporate parenting responsibilities to these children and young people to enable them to have the support and opportunities that should be available to all.',
  },
  {
    key: 'ready-for-life',
    title: 'Ready for Life',
    description: 'Equipping young people with the support they need to make the transition to adulthood effectively and seamlessly, becoming the next generation of parents, workers and leaders.',
  },
  {
    key: 'healthy',
    title: 'Healthy children and young people',
    description:
      'The best health possible adds so much to the quality of life and the ability to live it to the full. We want all children and young people to have the best health they can regardless of where they live or any conditions they were born with.',
  },
  {
    key: 'safe',
    title: 'Safe children and young people',
    description:
      'Safety is a complex issue and supporting children and young people to keep themselves safe, plus intervening to support and if necessary protect them when they are less than safe, is a crucial responsibility for us all. Safeguarding is everyone’s responsibility and we need to know what our role is if we are to make GM as safe as possible for our children and young people.',
  },
]
