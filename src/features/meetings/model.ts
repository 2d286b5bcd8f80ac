import type { AttendanceStatus, Decision, PaperPurpose } from '../../platform/db/tables.ts'

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled'

export const meetingStatuses: readonly MeetingStatus[] = ['scheduled', 'held', 'cancelled']
export const meetingStatusLabels: Record<MeetingStatus, string> = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' }

export const purposes: readonly PaperPurpose[] = ['decision', 'noting', 'information']
export const purposeLabels: Record<PaperPurpose, string> = { decision: 'For decision', noting: 'For noting', information: 'For information' }

export const decisions: readonly Decision[] = ['approved', 'endorsed', 'noted', 'agreed', 'deferred', 'rejected', 'amended']
export const decisionLabels: Record<Decision, string> = {
  approved: 'Approved',
  endorsed: 'Endorsed',
  noted: 'Noted',
  agreed: 'Agreed',
  deferred: 'Deferred',
  rejected: 'Rejected',
  amended: 'Amended',
}

export const attendanceStatuses: readonly AttendanceStatus[] = ['present', 'apologies', 'absent', 'substitute']
export const attendanceLabels: Record<AttendanceStatus, string> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
  substitute: 'Substitute',
}

export type Quoracy =
  | { kind: 'no-quorum-set'; counted: number }
  | { kind: 'quorate' | 'inquorate'; counted: number; quorum: number }

/** Quorate when those present plus substitutes reach the quorum in the body's latest terms of reference. */
export function quoracy(statuses: readonly AttendanceStatus[], quorum: number | null): Quoracy {
  const counted = statuses.filter((s) => s === 'present' || s === 'substitute').length
  if (quorum == null) return { kind: 'no-quorum-set', counted }
  return { kind: counted >= quorum ? 'quorate' : 'inquorate', counted, quorum }
}

export function quoracyText(q: Quoracy): string {
  if (q.kind === 'no-quorum-set') return `No quorum set in the terms of reference (${q.counted} counted as attending)`
  return `${q.kind === 'quorate' ? 'Quorate' : 'Not quorate'}: ${q.counted} of the ${q.quorum} needed present or substituted`
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The wall-clock date and time in London at an instant, as form values. */
export function londonWallClock(instant: Date): { day: string; month: string; year: string; time: string } {
  const parts = Object.fromEntries(londonParts.formatToParts(instant).map((p) => [p.type, p.value]))
  return { day: String(Number(parts.day)), month: String(Number(parts.month)), year: parts.year ?? '', time: `${parts.hour}:${parts.minute}` }
}

/**
 * The instant of a London wall-clock date and time. Meetings are arranged in
 * local time, so 2pm in July is 13:00 UTC and 2pm in January is 14:00 UTC.
 */
export function fromLondon(year: number, month: number, day: number, hour: number, minute: number): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute)
  let guess = wanted
  // Twice: the offset at the first guess can differ from the offset at the answer near a clock change.
  for (let i = 0; i < 2; i++) {
    const seen = londonWallClock(new Date(guess))
    const [h, m] = seen.time.split(':').map(Number) as [number, number]
    const seenAsUtc = Date.UTC(Number(seen.year), Number(seen.month) - 1, Number(seen.day), h, m)
    guess += wanted - seenAsUtc
  }
  return new Date(guess)
}

/** A file's size as people read it: whole kilobytes up to a megabyte, then megabytes to one decimal place. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`
}
