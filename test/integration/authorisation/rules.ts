import type { Db } from '../../../src/platform/db/database.ts'
import type { Actor } from '../../../src/platform/audit/actor.ts'
import type { Permission } from '../../../src/platform/auth/model.ts'

// The shapes the authorisation walker (../authorisation.test.ts) works with, so
// each capability can keep its routes' rules in a file of its own here.

export type Fields = Record<string, string>

/** What a walker can make in a partnership to fill an address or a form. */
export interface Fixtures {
  partnershipId: string
  db: Db
  /** An admin of this partnership, to make records through the services. */
  admin: Actor
  /**
   * The fixtures of the partnership the visitor works in. A form that names a
   * record (a body, a person) must name one of theirs, as the form they could send.
   */
  own(): Fixtures
  organisation(options?: { archived?: boolean }): Promise<string>
  person(options?: { archived?: boolean }): Promise<string>
  member(): Promise<string>
  auditEvent(): Promise<string>
  version(table: 'organisations' | 'people' | 'bodies' | 'body_members', id: string): Promise<number>
  membershipVersion(userId: string): Promise<number>
  /** The one body each partnership's meetings and actions belong to here. */
  meetingBody(): Promise<string>
  meeting(): Promise<string>
  /** An item with another after it, so it can always move down. */
  agendaItem(): Promise<string>
  recommendation(): Promise<string>
  action(): Promise<string>
  /** Someone recorded at the meeting, to be taken off its attendance. */
  attendee(meetingId: string): Promise<string>
  /** An item on the meeting body's forward plan. */
  plannedItem(options?: { archived?: boolean }): Promise<string>
  meetingRecordVersion(table: 'meetings' | 'agenda_items' | 'recommendations' | 'actions' | 'planned_items', id: string): Promise<number>
  /** A body of its own, so that changing, ending or archiving it touches nothing else walked. */
  body(options?: { archived?: boolean }): Promise<string>
  /** Someone sitting on a body of their own. */
  bodyMember(): Promise<{ bodyId: string; memberId: string }>
  /** A body with a first version of its terms of reference, whose document is a stored file. */
  termsOfReference(): Promise<{ bodyId: string; fileId: string }>
}

export interface Rule {
  /** Who may: anyone, anyone signed in, operators (none of the walking visitors is one), or members whose role has the permission. */
  access: 'public' | 'signed in' | 'operator' | Permission
  /** How to fill the address's parameter; a record another partnership owns must be not found. */
  param?: { name: string; value: (f: Fixtures) => Promise<string> }
  /** For a POST, a form that would succeed, so that only the refusal can stop it. None: only the empty form is sent. */
  form?: (f: Fixtures, id: string) => Promise<Fields>
  /**
   * The record belongs to no partnership (a regional or national framework every
   * partnership shares): any partnership's ids are the visitor's own, so no 404 is expected.
   */
  shared?: boolean
  /**
   * The record is read by every partnership but changed only by the one that
   * keeps it (a priority set): another partnership's visitor, who can see it,
   * is refused (403) rather than told it does not exist.
   */
  owned?: boolean
  /**
   * The reverse: the record is acted on only by a partnership that does not
   * keep it (proposing a change to a priority set), so its keeper is refused
   * (403). Used with `shared`, as every partnership sees the record.
   */
  notOwned?: boolean
  /** An allowed write must leave a row in the audit trail. */
  audited?: boolean
  /** The answer to an empty form from someone allowed (default 400: the form with its errors). */
  emptyStatus?: number
  /** Answers that differ for the signed-in, such as the sign-in page sending them home. */
  signedIn?: { status: number; location?: RegExp }
}

export const unique = (() => {
  let n = 0
  return (what: string) => `${what} ${++n}`
})()
