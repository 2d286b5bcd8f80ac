import type { ColumnType, Generated } from 'kysely'

// Work done in the background, as the partnership sees it (migration 2026-12-04T0900-background-jobs).
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json = ColumnType<unknown, string | undefined, string>
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>

export type BackgroundJobKind = 'value-import'
export type BackgroundJobState = 'queued' | 'running' | 'succeeded' | 'refused' | 'failed'

export interface BackgroundJobsTable {
  id: Generated<string>
  partnership_id: string
  kind: BackgroundJobKind
  state: Generated<BackgroundJobState>
  title: string
  requested_by: string | null
  requested_by_label: string
  file_id: string | null
  /** bigint: read as a number (database.ts's int8 parser). */
  total_bytes: Generated<number>
  options: Json
  progress: Json
  result: NullableJson
  attempts: Generated<number>
  created_at: CreatedAt
  started_at: NullableTimestamp
  updated_at: UpdatedAt
  finished_at: NullableTimestamp
}

export interface JobTables {
  background_jobs: BackgroundJobsTable
}
