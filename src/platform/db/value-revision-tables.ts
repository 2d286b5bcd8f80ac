import type { ColumnType, Generated } from 'kysely'
import type { Sex } from './performance-tables.ts'

// The figures value imports replaced (migration 2026-11-23T1900-value-revisions).
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>

export interface IndicatorValueRevisionsTable {
  id: Generated<string>
  partnership_id: string
  value_id: string
  indicator_id: string
  area_code: string
  period_starts_on: string
  sex: Sex
  age: string
  category_type: string
  category: string
  category_rank: number | null
  count: Numeric
  denominator: Numeric
  value: Numeric
  lower_95: Numeric
  upper_95: Numeric
  lower_998: Numeric
  upper_998: Numeric
  note: string
  illustrative: boolean
  previous_import_id: string | null
  import_id: string
  superseded_at: ColumnType<Date, Date | string | undefined, never>
}

export interface ValueRevisionTables {
  indicator_value_revisions: IndicatorValueRevisionsTable
}
