import type { Body, MemberRow } from './repository.ts'

/** A saved 'YYYY-MM-DD' as the three boxes of the GOV.UK date input. */
export function dateParts(name: string, iso: string | null): Record<string, string> {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : []
  return { [`${name}-day`]: day.replace(/^0/, ''), [`${name}-month`]: month.replace(/^0/, ''), [`${name}-year`]: year }
}

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
