// The two layouts values come in and go out in. The first row of a file names
// its columns; which layout it is follows from those names.
//
// Fingertips export layout: the CSV Fingertips writes ("Export table as CSV",
// and the API's all_data/csv), 26 columns, or 27 with "Time period range".
// Indicator ID is the indicator's Fingertips ID in the library; Recent Trend,
// the comparisons, New data and the sortable period are Fingertips' own
// judgements and bookkeeping, and are not read.
//
// Thrive layout: one value a row, the indicator named by its title or its
// Fingertips ID. Headings (any order; case and spaces do not matter):
//   Indicator            required: the indicator's title in the library, or its Fingertips ID
//   Area code            required: an ONS code in the register (E08000004), or a locality's code
//   Period               required: in the indicator's words: 2018/19, 2018, 2016 - 18, 2019/20 Q1, April 2019
//   Sex                  Persons, Male or Female (blank is Persons)
//   Age                  the age band, as published (10-11 yrs)
//   Category type        the breakdown, such as Deprivation decile (blank for none)
//   Category             the group within it, such as Most deprived decile
//   Category rank        the group's order within the breakdown, 1 = most deprived (for the slope index of inequality)
//   Count, Denominator, Value
//   Lower 95% limit, Upper 95% limit, Lower 99.8% limit, Upper 99.8% limit
//   Note                 such as "Value suppressed for disclosure control"
//   Illustrative         Yes for a figure that is not a published one
// Limits left blank are calculated from the count and denominator where the indicator's method allows.

export type Layout = 'thrive' | 'fingertips'
export const layoutNames: Record<Layout, string> = { thrive: 'Thrive layout', fingertips: 'Fingertips export layout' }

export type Field =
  | 'indicator'
  | 'areaCode'
  | 'period'
  | 'sex'
  | 'age'
  | 'categoryType'
  | 'category'
  | 'categoryRank'
  | 'count'
  | 'denominator'
  | 'value'
  | 'lower95'
  | 'upper95'
  | 'lower998'
  | 'upper998'
  | 'note'
  | 'illustrative'

export interface ColumnSpec {
  header: string
  field: Field
  required: boolean
  description: string
}

export const thriveColumns: readonly ColumnSpec[] = [
  { header: 'Indicator', field: 'indicator', required: true, description: 'The indicator’s title in the library, or its Fingertips ID' },
  { header: 'Area code', field: 'areaCode', required: true, description: 'The area’s ONS code, such as E08000004, or a locality’s code' },
  { header: 'Period', field: 'period', required: true, description: 'In the indicator’s words: 2018/19, 2018, 2016 - 18, 2019/20 Q1 or April 2019' },
  { header: 'Sex', field: 'sex', required: false, description: 'Persons, Male or Female; blank is Persons' },
  { header: 'Age', field: 'age', required: false, description: 'The age band as published, such as 10-11 yrs' },
  { header: 'Category type', field: 'categoryType', required: false, description: 'The breakdown, such as Deprivation decile; blank for none' },
  { header: 'Category', field: 'category', required: false, description: 'The group within the breakdown, such as Most deprived decile' },
  { header: 'Category rank', field: 'categoryRank', required: false, description: 'The group’s order within its breakdown, 1 for the most deprived' },
  { header: 'Count', field: 'count', required: false, description: 'The number of events or people counted' },
  { header: 'Denominator', field: 'denominator', required: false, description: 'The population the count is out of' },
  { header: 'Value', field: 'value', required: false, description: 'The published value; blank to calculate it from the count and denominator' },
  { header: 'Lower 95% limit', field: 'lower95', required: false, description: 'Both 95% limits, or neither to calculate them' },
  { header: 'Upper 95% limit', field: 'upper95', required: false, description: '' },
  { header: 'Lower 99.8% limit', field: 'lower998', required: false, description: 'Both 99.8% limits, or neither to calculate them' },
  { header: 'Upper 99.8% limit', field: 'upper998', required: false, description: '' },
  { header: 'Note', field: 'note', required: false, description: 'Such as Value suppressed for disclosure control' },
  { header: 'Illustrative', field: 'illustrative', required: false, description: 'Yes for a figure that is not a published one; blank or No otherwise' },
]

/** The columns Fingertips writes, in its order; the ones read are named by field. */
export const fingertipsColumns: readonly { header: string; field?: Field }[] = [
  { header: 'Indicator ID', field: 'indicator' },
  { header: 'Indicator Name' },
  { header: 'Parent Code' },
  { header: 'Parent Name' },
  { header: 'Area Code', field: 'areaCode' },
  { header: 'Area Name' },
  { header: 'Area Type' },
  { header: 'Sex', field: 'sex' },
  { header: 'Age', field: 'age' },
  { header: 'Category Type', field: 'categoryType' },
  { header: 'Category', field: 'category' },
  { header: 'Time period', field: 'period' },
  { header: 'Value', field: 'value' },
  { header: 'Lower CI 95.0 limit', field: 'lower95' },
  { header: 'Upper CI 95.0 limit', field: 'upper95' },
  { header: 'Lower CI 99.8 limit', field: 'lower998' },
  { header: 'Upper CI 99.8 limit', field: 'upper998' },
  { header: 'Count', field: 'count' },
  { header: 'Denominator', field: 'denominator' },
  { header: 'Value note', field: 'note' },
  { header: 'Recent Trend' },
  { header: 'Compared to England value or percentiles' },
  { header: 'Compared to Region value or percentiles' },
  { header: 'Time period Sortable' },
  { header: 'New data' },
  { header: 'Compared to goal' },
  { header: 'Time period range' },
]

/** The biggest file the browser takes: the form's upload limit. The command line reads files of any size. */
export const maxBrowserBytes = 20 * 1024 * 1024
/** Problems kept for the report; past this the file is the wrong one, and the total says how wrong. */
export const maxStoredProblems = 1000
/** Rows written to the staging table at a time. */
export const batchSize = 5000
