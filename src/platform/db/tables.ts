import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

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
}

export interface MembershipsTable {
  partnership_id: string
  user_id: string
  role: Role
  created_at: CreatedAt
  version: Generated<number>
}

export interface SessionsTable {
  id: string
  user_id: string
  partnership_id: string | null
  created_at: CreatedAt
  expires_at: Timestamp
}

export interface AuditEventsTable {
  id: Generated<string>
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
  created_at: CreatedAt
  updated_at: UpdatedAt
  archived_at: NullableTimestamp
  version: Generated<number>
}

export interface Database {
  partnerships: PartnershipsTable
  users: UsersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  audit_events: AuditEventsTable
  organisations: OrganisationsTable
  people: PeopleTable
}

export type Partnership = Selectable<PartnershipsTable>
export type User = Selectable<UsersTable>
export type Organisation = Selectable<OrganisationsTable>
export type NewOrganisation = Insertable<OrganisationsTable>
export type OrganisationUpdate = Updateable<OrganisationsTable>
export type Person = Selectable<PeopleTable>
export type AuditEvent = Selectable<AuditEventsTable>
