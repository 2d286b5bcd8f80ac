import type { ColumnType, Generated } from 'kysely'

// The performance capability's tables (migration 2026-11-23T1800-performance),
// kept apart from tables.ts so each file stays one capability long.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** numeric columns come back as strings from pg, so they are read as strings and written as numbers or strings. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>

export type AreaKind = 'country' | 'region' | 'local-authority' | 'ward' | 'locality' | 'health-area'
export type ComparatorGroupKind = 'england' | 'region' | 'regional-partnership' | 'statistical-neighbours' | 'other'
export type ValueType = 'count' | 'proportion' | 'crude-rate' | 'directly-standardised-rate' | 'mean' | 'score' | 'ratio'
export type Polarity = 'high-is-good' | 'low-is-good' | 'no-judgement'
export type Frequency = 'annual' | 'quarterly' | 'monthly'
export type PeriodType = 'financial-year' | 'academic-year' | 'calendar-year' | 'quarter' | 'month' | 'rolling-3-years'
export type ComparisonMethod = 'ci-95' | 'ci-99.8' | 'two-level' | 'quintiles' | 'none'
export type Sex = 'persons' | 'male' | 'female'
export type TargetKind = 'value' | 'better-than-group' | 'top-quartile-of-group'
export type DataRequestStatus = 'requested' | 'submitted' | 'approved'
export type ImportLayout = 'thrive' | 'fingertips'

export interface AreasTable {
  code: string
  partnership_id: string | null
  name: string
  kind: AreaKind
  parent_code: string | null
  created_at: CreatedAt
}

export interface ComparatorGroupsTable {
  id: Generated<string>
  partnership_id: string
  name: string
  kind: ComparatorGroupKind
  description: Generated<string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface ComparatorGroupAreasTable {
  partnership_id: string
  group_id: string
  area_code: string
}

export interface IndicatorsTable {
  id: Generated<string>
  partnership_id: string
  title: string
  description: Generated<string>
  rationale: Generated<string>
  source: Generated<string>
  unit: Generated<string>
  value_type: ValueType
  multiplier: Generated<number>
  decimal_places: Generated<number>
  polarity: Polarity
  frequency: Frequency
  period_type: PeriodType
  comparison_method: ComparisonMethod
  small_number_threshold: Generated<number>
  target_lead_id: string | null
  owning_body_id: string | null
  external_source: 'fingertips' | null
  external_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface IndicatorOutcomesTable {
  partnership_id: string
  indicator_id: string
  outcome_id: string
}

export interface ValueImportsTable {
  id: Generated<string>
  partnership_id: string
  filename: string
  layout: ImportLayout
  row_count: number
  imported_by_label: string
  created_at: CreatedAt
}

export interface IndicatorValuesTable {
  id: Generated<string>
  partnership_id: string
  indicator_id: string
  area_code: string
  period_starts_on: string
  sex: Generated<Sex>
  age: Generated<string>
  category_type: Generated<string>
  category: Generated<string>
  category_rank: number | null
  count: Numeric
  denominator: Numeric
  value: Numeric
  lower_95: Numeric
  upper_95: Numeric
  lower_998: Numeric
  upper_998: Numeric
  note: Generated<string>
  illustrative: Generated<boolean>
  import_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  version: Generated<number>
}

export interface TargetsTable {
  id: Generated<string>
  partnership_id: string
  indicator_id: string
  period_starts_on: string
  kind: TargetKind
  value: Numeric
  group_id: string | null
  amber_tolerance: ColumnType<string, number | string | undefined, number | string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  version: Generated<number>
}

export interface ReportCardsTable {
  indicator_id: string
  partnership_id: string
  story: Generated<string>
  partners: Generated<string>
  what_works: Generated<string>
  updated_at: UpdatedAt
  version: Generated<number>
}

export interface ReportCardObjectivesTable {
  partnership_id: string
  indicator_id: string
  objective_id: string
}

export interface IndicatorCommentaryTable {
  id: Generated<string>
  partnership_id: string
  indicator_id: string
  written_on: string
  text: string
  author_label: string
  created_at: CreatedAt
}

export interface DataRequestsTable {
  id: Generated<string>
  partnership_id: string
  organisation_id: string
  period_label: string
  due_on: string
  status: Generated<DataRequestStatus>
  notes: Generated<string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface DataRequestIndicatorsTable {
  partnership_id: string
  request_id: string
  indicator_id: string
}

export interface PerformanceTables {
  areas: AreasTable
  comparator_groups: ComparatorGroupsTable
  comparator_group_areas: ComparatorGroupAreasTable
  indicators: IndicatorsTable
  indicator_outcomes: IndicatorOutcomesTable
  value_imports: ValueImportsTable
  indicator_values: IndicatorValuesTable
  targets: TargetsTable
  report_cards: ReportCardsTable
  report_card_objectives: ReportCardObjectivesTable
  indicator_commentary: IndicatorCommentaryTable
  data_requests: DataRequestsTable
  data_request_indicators: DataRequestIndicatorsTable
}
