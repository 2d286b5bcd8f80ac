import type { Body, MemberRow } from './repository.ts'
import { dateParts } from '../../platform/http/date-input.ts'

export function bodyValues(body: Body): Record<string, string> {
  return {
    name: body.name,
    shortName: body.short_name ?? '',
    kind: body.kind,
    purpose: body.purpose,
    accountableToId: body.accountable_to_id ?? '',
    ...dateParts('establishedOn', body.established_on),
  }
}

export function memberValues(member: MemberRow): Record<string, string> {
  return {
    personId: member.person_id,
    role: member.role,
    representingId: member.representing_id ?? '',
    ...dateParts('startsOn', member.starts_on),
    ...dateParts('endsOn', member.ends_on),
  }
}
