/**
 * Oldham's six districts, the localities its district partnerships plan and
 * deliver by, with the wards each covers (Oldham Council's district
 * arrangements on the ward boundaries used until 2023). The codes are the
 * partnership's own: Oldham's area code, a hyphen and a short name. Wards are
 * not added: their ONS codes would have to be checked against the ONS register
 * first, and a locality is what the narrowing-the-gap page compares.
 */
export interface DemoLocality {
  key: string
  code: string
  name: string
  wards: string[]
  /**
   * Illustrative only: roughly how many Year 6 children are measured each year
   * (Oldham measures about 3,400) and how the district's obesity compares with
   * Oldham's (1 = the same), higher in the more deprived districts as
   * Oldham's published deprivation-quintile figures are (28.0% in the most
   * deprived fifth against 13.6% in the least, 2019/20).
   */
  year6Children: number
  relativeObesity: number
}

export const demoLocalities: DemoLocality[] = [
  { key: 'chadderton', code: 'E08000004-CHAD', name: 'Chadderton', wards: ['Chadderton Central', 'Chadderton North', 'Chadderton South'], year6Children: 510, relativeObesity: 0.98 },
  { key: 'failsworth-hollinwood', code: 'E08000004-FAILHOLL', name: 'Failsworth and Hollinwood', wards: ['Failsworth East', 'Failsworth West', 'Hollinwood'], year6Children: 410, relativeObesity: 1.04 },
  { key: 'oldham-east', code: 'E08000004-EAST', name: 'Oldham East', wards: ['Alexandra', 'St James’', 'St Mary’s', 'Waterhead'], year6Children: 750, relativeObesity: 1.1 },
  { key: 'oldham-west', code: 'E08000004-WEST', name: 'Oldham West', wards: ['Coldhurst', 'Medlock Vale', 'Werneth'], year6Children: 720, relativeObesity: 1.18 },
  { key: 'royton-shaw-crompton', code: 'E08000004-RSC', name: 'Royton, Shaw and Crompton', wards: ['Crompton', 'Royton North', 'Royton South', 'Shaw'], year6Children: 580, relativeObesity: 0.88 },
  { key: 'saddleworth-lees', code: 'E08000004-SADDLEES', name: 'Saddleworth and Lees', wards: ['Saddleworth North', 'Saddleworth South', 'Saddleworth West and Lees'], year6Children: 440, relativeObesity: 0.66 },
]

/** Small year-to-year movements (percentage points) per district, oldest period first, so the districts do not move in lockstep. */
export const year6Wobble: Record<string, [number, number, number]> = {
  chadderton: [0.4, -0.3, 0.2],
  'failsworth-hollinwood': [-0.6, 0.5, 0.1],
  'oldham-east': [0.3, 0.2, -0.4],
  'oldham-west': [-0.2, -0.5, 0.6],
  'royton-shaw-crompton': [0.5, 0.1, -0.3],
  'saddleworth-lees': [-0.4, 0.3, 0.2],
}
