// The demo partnership, described from the two seed papers: the 2007
// Children’s Trust approach (‘Changing for Children’) and the 2019 report to
// the Health and Wellbeing Board establishing the Strategic Partnership.
export const demoPartnership = {
  slug: 'oldham',
  name: 'Oldham Children and Young People’s Strategic Partnership',
  areaCode: 'E08000004',
  description:
    'Oldham’s ambition is to be ‘a place where children and young people thrive’. ' +
    'The Children and Young People’s Strategic Partnership Board, accountable to the Health and Wellbeing Board, ' +
    'brings the Council, the NHS, the Police, schools, colleges and the voluntary, community and faith sector together ' +
    'to deliver it. This demonstration is built from two public council papers: the 2007 Children’s Trust approach ' +
    '(‘Changing for Children’) and the January 2019 report establishing the Strategic Partnership. ' +
    'People appear by the role they hold, not by name.',
  isPublished: true,
} as const
