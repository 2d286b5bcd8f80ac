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

export type Quoracy = { kind: 'no-quorum-set'; counted: number } | { kind: 'quorate' | 'inquorate'; counted: number; quorum: number }

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

/** A file's size as people read it: whole kilobytes up to a megabyte, then megabytes to one decimal place. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`
}
