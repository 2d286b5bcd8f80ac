import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely'
import type { StrategyTables } from './strategy-tables.ts'
import type { PerformanceTables } from './performance-tables.ts'
import type { ValueRevisionTables } from './value-revision-tables.ts'
import type { JobTables } from './job-tables.ts'

// Table types in one place (as in Kysely's own example) so every query is typed.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Timestamp = ColumnType<Date, Date | string, Date | string>
// Defaults to now() on insert; every edit sets it.
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type Role = 'admin' | 'editor' | 'contributor' | 'viewer'
export type Sector = 'local-authority' | 'nhs' | 'police' | 'education' | 'vcfs' | 'other'

export interface PartnershipsTable {
  id: Generated<string>
  slug: string
  name: string
  area_code: string | null
  description: Generated<string>
  is_published: Generated<boolean>
  created_at: CreatedAt
  version: Generated<number>
}

export interface UsersTable {
  id: Generated<string>
  email: string
  display_name: string
  password_hash: string
  failed_sign_ins: Generated<number>
  locked_until: NullableTimestamp
  created_at: CreatedAt
  disabled_at: NullableTimestamp
  version: Generated<number>
  /** Council IT: creates partnerships. Set only from the command line. */
  is_operator: Generated<boolean>
}

export interface MembershipsTable {
  partnership_id: string
  user_id: string
  role: Role
  created_at: CreatedAt
  version: Generated<number>
}

export interface InvitationsTable {
  id: Generated<string>
  partnership_id: string
  email: string
  display_name: string
  role: Role
  invited_by: string | null
  invited_by_label: string
  token_hash: string
  expires_at: Timestamp
  created_at: CreatedAt
  accepted_at: NullableTimestamp
  declined_at: NullableTimestamp
  withdrawn_at: NullableTimestamp
  version: Generated<number>
}

export interface SessionsTable {
  id: string
  user_id: string
  partnership_id: string | null
  created_at: CreatedAt
  expires_at: Timestamp
}

/**
 * How far each partnership's data, and the platform's, has moved on: one more
 * for every transaction that changed it (migrations/2026-12-03T1600-data-versions.ts).
 * Written only by the database's own triggers; read to key the page cache.
 */
export interface DataVersionsTable {
  /** 'platform', or a partnership's id. */
  scope: string
  version: Generated<number>
}

/** The scopes a transaction still in progress has changed; emptied as it commits. */
export interface DataVersionChangesTable {
  scope: string
  transaction_id: Generated<number>
}

/** A throttle's window: hits so far from one address on one route (src/platform/http/rate-limit.ts). */
export interface RateLimitWindowsTable {
  /** base64url SHA-256 of the route and the address. */
  key: string
  hits: number
  window_ends_at: Timestamp
}

export interface AuditEventsTable {
  /** bigint GENERATED ALWAYS AS IDENTITY: read as a number (database.ts's int8 parser), never written. */
  id: GeneratedAlways<number>
  partnership_id: string | null
  actor_id: string | null
  actor_label: string
  action: string
  entity_type: string
  entity_id: string
  summary: string
  before: unknown
  after: unknown
  at: CreatedAt
}

export interface OrganisationsTable {
  id: Generated<string>
  partnership_id: string
  name: string
  sector: Sector
  is_statutory: boolean
  website: string | null
  description: Generated<string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface PeopleTable {
  id: Generated<string>
  partnership_id: string
  name: string | null
  role_title: string | null
  job_title: string | null
  organisation_id: string | null
  email: string | null
  /** The person's account, when they use the service: their "my work" page. */
  user_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export type BodyKind =
  | 'health-and-wellbeing-board'
  | 'strategic-partnership-board'
  | 'strategy-group'
  | 'commissioning-group'
  | 'delivery-partnership'
  | 'locality-group'
  | 'stakeholder-board'
  | 'children-and-young-peoples-board'
  | 'sub-group'
  | 'working-group'
export type MemberRole = 'chair' | 'vice-chair' | 'lead-officer' | 'member' | 'adviser' | 'observer'
export type PaperPurpose = 'decision' | 'noting' | 'information'
export type Decision = 'approved' | 'endorsed' | 'noted' | 'agreed' | 'deferred' | 'rejected' | 'amended'
export type AttendanceStatus = 'present' | 'apologies' | 'absent' | 'substitute'
export type ActionStatus = 'open' | 'in-progress' | 'done' | 'dropped'
export type Recurrence = 'once' | 'monthly' | 'quarterly' | 'six-monthly' | 'annually'
/** A calendar date without a time (PostgreSQL's date), always read and written as 'YYYY-MM-DD' so no time zone can shift it. */
type CalendarDate = ColumnType<string | null, string | null | undefined, string | null>

export interface StoredFilesTable {
  id: Generated<string>
  partnership_id: string
  filename: string
  content_type: string
  size_bytes: number
  sha256: string
  content: Buffer
  uploaded_by_label: string
  created_at: CreatedAt
}

export interface BodiesTable {
  id: Generated<string>
  partnership_id: string
  name: string
  short_name: string | null
  kind: BodyKind
  purpose: Generated<string>
  accountable_to_id: string | null
  established_on: CalendarDate
  ended_on: CalendarDate
  superseded_by_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface BodyMembersTable {
  id: Generated<string>
  partnership_id: string
  body_id: string
  person_id: string
  role: MemberRole
  representing_id: string | null
  starts_on: CalendarDate
  ends_on: CalendarDate
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface TermsOfReferenceTable {
  id: Generated<string>
  partnership_id: string
  body_id: string
  version_number: number
  purpose: Generated<string>
  membership: Generated<string>
  quorum: number | null
  quorum_notes: Generated<string>
  delegated_powers: Generated<string>
  reporting_arrangements: Generated<string>
  agreed_on: CalendarDate
  review_due_on: CalendarDate
  file_id: string | null
  created_by_label: string
  created_at: CreatedAt
}

export interface MeetingsTable {
  id: Generated<string>
  partnership_id: string
  body_id: string
  starts_at: Timestamp
  location: Generated<string>
  status: Generated<'scheduled' | 'held' | 'cancelled'>
  notes: Generated<string>
  created_at: CreatedAt
  updated_at: UpdatedAt
  version: Generated<number>
}

export interface AgendaItemsTable {
  id: Generated<string>
  partnership_id: string
  meeting_id: string
  position: number
  title: string
  presenter_id: string | null
  purpose: PaperPurpose
  report: Generated<string>
  file_id: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  version: Generated<number>
}

export interface RecommendationsTable {
  id: Generated<string>
  partnership_id: string
  agenda_item_id: string
  label: string
  text: string
  decision: Decision | null
  decision_text: Generated<string>
  decided_at: NullableTimestamp
  version: Generated<number>
}

export interface AttendanceTable {
  partnership_id: string
  meeting_id: string
  person_id: string
  status: AttendanceStatus
  substitute_for_id: string | null
}

export interface ActionsTable {
  id: Generated<string>
  partnership_id: string
  body_id: string
  meeting_id: string | null
  agenda_item_id: string | null
  description: string
  owner_id: string | null
  due_on: CalendarDate
  status: Generated<ActionStatus>
  created_at: CreatedAt
  updated_at: UpdatedAt
  version: Generated<number>
}

export interface ActionUpdatesTable {
  id: Generated<string>
  partnership_id: string
  action_id: string
  note: string
  status: ActionStatus
  author_label: string
  created_at: CreatedAt
}

export interface PlannedItemsTable {
  id: Generated<string>
  partnership_id: string
  body_id: string
  title: string
  purpose: PaperPurpose
  lead_id: string | null
  meeting_id: string | null
  first_due_on: string
  recurrence: Generated<Recurrence>
  ends_on: CalendarDate
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface Database extends StrategyTables, PerformanceTables, ValueRevisionTables, JobTables {
  partnerships: PartnershipsTable
  users: UsersTable
  memberships: MembershipsTable
  invitations: InvitationsTable
  sessions: SessionsTable
  data_versions: DataVersionsTable
  data_version_changes: DataVersionChangesTable
  rate_limit_windows: RateLimitWindowsTable
  audit_events: AuditEventsTable
  organisations: OrganisationsTable
  people: PeopleTable
  stored_files: StoredFilesTable
  bodies: BodiesTable
  body_members: BodyMembersTable
  terms_of_reference: TermsOfReferenceTable
  meetings: MeetingsTable
  agenda_items: AgendaItemsTable
  recommendations: RecommendationsTable
  attendance: AttendanceTable
  actions: ActionsTable
  action_updates: ActionUpdatesTable
  planned_items: PlannedItemsTable
}

export type Partnership = Selectable<PartnershipsTable>
export type User = Selectable<UsersTable>
export type Organisation = Selectable<OrganisationsTable>
export type NewOrganisation = Insertable<OrganisationsTable>
export type OrganisationUpdate = Updateable<OrganisationsTable>
export type Person = Selectable<PeopleTable>
export type AuditEvent = Selectable<AuditEventsTable>
