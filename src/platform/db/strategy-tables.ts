import type { ColumnType, Generated } from 'kysely'

// The strategy capability's tables (migration 2026-11-23T1500-strategy), kept
// apart from tables.ts so each file stays one capability long.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** A 'YYYY-MM-DD' calendar date, or none. */
type CalendarDate = ColumnType<string | null, string | null | undefined, string | null>

export type FrameworkStage = 'draft' | 'consultation' | 'adopted' | 'superseded'
export type ExternalScope = 'regional' | 'national'
export type StrategyStatus = 'draft' | 'active' | 'ended' | 'withdrawn'
export type TimescaleKind = 'date' | 'month' | 'quarter' | 'range' | 'ongoing' | 'annually' | 'quarterly' | 'planning-cycle'
export type TimescaleThen = 'ongoing' | 'annually' | 'quarterly'
export type ObjectiveStatus = 'not-started' | 'on-track' | 'at-risk' | 'off-track' | 'complete' | 'dropped'
export type Rag = 'red' | 'amber' | 'green'
export type WorkstreamKind = 'strategy' | 'service' | 'project'

export interface FrameworkVersionsTable {
  id: Generated<string>
  partnership_id: string
  number: number
  title: string
  ambition: string
  introduction: Generated<string>
  stage: Generated<FrameworkStage>
  consultation_starts_on: CalendarDate
  consultation_ends_on: CalendarDate
  adopted_on: CalendarDate
  adopted_by_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  version: Generated<number>
}

export interface OutcomesTable {
  id: Generated<string>
  partnership_id: string
  created_at: CreatedAt
}

export interface FrameworkOutcomesTable {
  partnership_id: string
  framework_id: string
  outcome_id: string
  position: number
  title: string
  description: Generated<string>
}

export interface CommitmentsTable {
  id: Generated<string>
  partnership_id: string
  created_at: CreatedAt
}

export interface FrameworkCommitmentsTable {
  partnership_id: string
  framework_id: string
  commitment_id: string
  position: number
  text: string
}

export interface CommitmentOutcomesTable {
  partnership_id: string
  framework_id: string
  commitment_id: string
  outcome_id: string
}

export interface ExternalFrameworksTable {
  id: Generated<string>
  title: string
  publisher: string
  scope: ExternalScope
  description: Generated<string>
  published_on: CalendarDate
  /** The partnership that keeps the set; null for one the platform keeps for every partnership. */
  owner_partnership_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface ExternalPrioritiesTable {
  id: Generated<string>
  framework_id: string
  position: number
  title: string
  description: Generated<string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

/** How a priority set's keeper answered a proposed change. */
export type ProposalAnswer = 'made' | 'declined'

/** A change to a priority set proposed by a partnership that does not keep it (migration 2026-12-03T0900). */
export interface PrioritySetProposalsTable {
  id: Generated<string>
  framework_id: string
  /** The priority it concerns, one of the set's; none for the set as a whole. */
  priority_id: string | null
  from_partnership_id: string
  proposed_by: string | null
  proposed_by_label: string
  text: string
  created_at: CreatedAt
  answer: ProposalAnswer | null
  answer_text: Generated<string>
  answered_by: string | null
  answered_by_label: string | null
  answered_at: NullableTimestamp
  version: Generated<number>
}

export interface OutcomeAlignmentsTable {
  partnership_id: string
  outcome_id: string
  priority_id: string
}

export interface CommitmentAlignmentsTable {
  partnership_id: string
  commitment_id: string
  priority_id: string
}

export interface StrategiesTable {
  id: Generated<string>
  partnership_id: string
  title: string
  summary: Generated<string>
  starts_on: string
  ends_on: string
  owner_body_id: string | null
  status: Generated<StrategyStatus>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface PlansTable {
  id: Generated<string>
  partnership_id: string
  strategy_id: string | null
  title: string
  summary: Generated<string>
  lead_body_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface PlanAimsTable {
  id: Generated<string>
  partnership_id: string
  plan_id: string
  number: number
  title: string
  expected_outcome: Generated<string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface PlanObjectivesTable {
  id: Generated<string>
  partnership_id: string
  aim_id: string
  position: number
  title: string
  timescale_kind: TimescaleKind
  timescale_starts_on: CalendarDate
  timescale_ends_on: CalendarDate
  timescale_then: TimescaleThen | null
  timescale_note: string | null
  owner_id: string | null
  lead_body_id: string | null
  expected_outcome: Generated<string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface ObjectiveUpdatesTable {
  id: Generated<string>
  partnership_id: string
  objective_id: string
  reported_on: string
  status: ObjectiveStatus
  rag: Rag | null
  commentary: Generated<string>
  author_label: string
  created_at: CreatedAt
}

export interface ObjectiveOutcomesTable {
  partnership_id: string
  objective_id: string
  outcome_id: string
}

export interface WorkstreamsTable {
  id: Generated<string>
  partnership_id: string
  body_id: string
  title: string
  kind: WorkstreamKind
  description: Generated<string>
  lead_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface WorkstreamOutcomesTable {
  partnership_id: string
  workstream_id: string
  outcome_id: string
}

export interface WorkstreamObjectivesTable {
  partnership_id: string
  workstream_id: string
  objective_id: string
}

export interface StrategyTables {
  framework_versions: FrameworkVersionsTable
  outcomes: OutcomesTable
  framework_outcomes: FrameworkOutcomesTable
  commitments: CommitmentsTable
  framework_commitments: FrameworkCommitmentsTable
  commitment_outcomes: CommitmentOutcomesTable
  external_frameworks: ExternalFrameworksTable
  external_priorities: ExternalPrioritiesTable
  priority_set_proposals: PrioritySetProposalsTable
  outcome_alignments: OutcomeAlignmentsTable
  commitment_alignments: CommitmentAlignmentsTable
  strategies: StrategiesTable
  plans: PlansTable
  plan_aims: PlanAimsTable
  plan_objectives: PlanObjectivesTable
  objective_updates: ObjectiveUpdatesTable
  objective_outcomes: ObjectiveOutcomesTable
  workstreams: WorkstreamsTable
  workstream_outcomes: WorkstreamOutcomesTable
  workstream_objectives: WorkstreamObjectivesTable
}
