/**
 * Report cards ("turn the curve") for three of the demo KPIs. The figures
 * quoted are the published ones the demo loads (Fingertips); the narrative,
 * the partners and the commentary are written for the demonstration from
 * what the seed papers describe (Right Start, the Opportunity Area's work in
 * schools, the Connexions Teenage Pregnancy workstream, locality planning to
 * narrow the gap), and each commentary entry says it is illustrative.
 */
export interface DemoReportCard {
  /** Indicator key from demo/data/indicators.ts. */
  indicator: string
  story: string
  partners: string
  whatWorks: string
  /** Objective refs from the 2007 delivery plan ('2.5': aim 2, objective 5). */
  deliveryPlanObjectives: string[]
  /** Objectives of the 2019–2022 action plan, by title (demo/data/strategies.ts). */
  actionPlanObjectives: string[]
  /** The target lead's role, as the commentary's author. */
  author: string
  commentary: { writtenOn: string; text: string }[]
}

const note = 'Demonstration text: the figures are published (Fingertips); the narrative is illustrative.'
const jsna = 'Ensure that strategies and commissioning related to children and young people reflect the needs identified in the JSNA'
const kpis = 'Develop the Board’s own set of Key Performance Indicators, drawn from existing KPIs across the system'

export const demoReportCards: DemoReportCard[] = [
  {
    indicator: 'year6-obesity',
    story:
      'A quarter of Oldham’s Year 6 children are obese or severely obese: 25.3% in 2019/20, against 21.9% for England, and worse than England in both published periods. The gap inside Oldham is wider than the gap with England: 28.0% in the most deprived fifth of neighbourhoods against 13.6% in the least deprived (2019/20).\n\n' +
      'Low family incomes, the price of healthy food, the number of hot-food takeaways and too few safe places to play all push the curve up, and most children who are overweight when they start school are still overweight at 11.\n\n' +
      note,
    partners:
      'Public Health and the 0–19 service (school nursing runs the National Child Measurement Programme)\n' +
      'Schools and academies, through the Oldham Education Partnership and the Opportunity Area\n' +
      'Early Years and the Right Start universal child health services\n' +
      'The voluntary, community and faith sector, and sport and leisure providers\n' +
      'Planning and licensing (takeaways near schools)\n' +
      'Children and families, through the Youth Council',
    whatWorks:
      'Whole-school approaches: healthy food in school, active travel and daily activity.\n' +
      'Starting early: healthy weight in the Right Start offer from pregnancy to school entry.\n' +
      'Offering family weight-management support when NCMP results go home.\n' +
      'Place-based work in the districts where the curve is highest, planned with the district partnerships.\n' +
      'Planning policy that limits new hot-food takeaways near schools.',
    deliveryPlanObjectives: ['2.5', '2.6'],
    actionPlanObjectives: [jsna],
    author: 'Director of Public Health',
    commentary: [
      {
        writtenOn: '2019-12-10',
        text: 'Illustrative commentary: 2018/19 Year 6 obesity is 25.0%, significantly worse than England (21.5%). By deprivation quintile it runs from 27.6% in the most deprived fifth to 11.3% in the least deprived. We will ask each district partnership to look at its own figures.',
      },
      {
        writtenOn: '2020-12-15',
        text: 'Illustrative commentary: 2019/20 is 25.3%, still significantly worse than England (21.9%), and the deprivation gap has not narrowed (28.0% against 13.6%). The district figures on the narrowing-the-gap page are illustrative, but they show where the locality plans should start: Oldham West and Oldham East.',
      },
    ],
  },
  {
    indicator: 'under-18-conceptions',
    story:
      'Oldham’s under-18 conception rate fell from 26.4 per 1,000 females aged 15 to 17 in 2018 to 20.5 in 2021, but it remains well above England (13.1 in 2021) and above six of the other nine Greater Manchester boroughs.\n\n' +
      'Young women in care, not in education or training, or growing up in the most deprived neighbourhoods are the most likely to become pregnant young; the curve turns where services reach them.\n\n' +
      note,
    partners:
      'Integrated Youth Services (the Connexions Teenage Pregnancy workstream)\n' +
      'Schools, for relationships and sex education\n' +
      'Sexual health services and school nursing\n' +
      'Children’s social care, for young people in care and care leavers\n' +
      'The voluntary youth sector and the Youth Council',
    whatWorks:
      'Young-people-friendly contraception and sexual health services, open when young people can get to them.\n' +
      'Relationships and sex education in every school.\n' +
      'Targeted support for young people at most risk, including those in care.\n' +
      'Support for young parents, so a first pregnancy is not followed quickly by a second.',
    deliveryPlanObjectives: ['2.4'],
    actionPlanObjectives: [kpis, jsna],
    author: 'Director of Public Health',
    commentary: [
      {
        writtenOn: '2023-03-31',
        text: 'Illustrative commentary: 2021’s rate is 20.5 per 1,000 (106 conceptions), significantly worse than England’s 13.1. Down from 2018, but the fall has not held steady year on year: 19.6 in 2019, 22.5 in 2020.',
      },
    ],
  },
  {
    indicator: 'smoking-at-delivery',
    story:
      'Fewer Oldham mothers are smoking when their baby is born: 8.9% in 2023/24, down from 13.6% in 2018/19. England fell too, to 7.4%, so Oldham is still significantly worse and the curve has to keep turning.\n\n' +
      note,
    partners:
      'Maternity services and the NHS (the Clinical Commissioning Group, now the integrated care board)\n' +
      'Public Health and the stop-smoking service\n' +
      'Health visitors and the Right Start offer\n' +
      'Families, and the voluntary, community and faith sector',
    whatWorks:
      'Carbon monoxide testing for every pregnant woman at booking, with opt-out referral to stop-smoking support.\n' +
      'Specialist support in pregnancy, including incentives.\n' +
      'Support for partners and households to make homes smokefree.',
    deliveryPlanObjectives: ['4.1'],
    actionPlanObjectives: [],
    author: 'Chief Officer, NHS Oldham CCG',
    commentary: [
      {
        writtenOn: '2024-12-10',
        text: 'Illustrative commentary: 8.9% in 2023/24 (254 of 2,869 maternities), the fourth fall in a row, but still significantly worse than England’s 7.4%.',
      },
    ],
  },
]
