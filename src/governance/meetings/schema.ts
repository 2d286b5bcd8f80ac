import { z } from 'zod'
import { allowedYears, calendarDate, isAllowedYear } from '../../platform/http/date-input.ts'
import { fromLondon } from '../../platform/dates/index.ts'
import { attendanceStatuses, decisions, meetingStatuses, purposes } from './model.ts'

const uuid = (message: string) => z.string({ error: message }).uuid(message)
const optionalUuid = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())
const text = (label: string, max: number) =>
  z.preprocess(
    (v) => v ?? '',
    z
      .string()
      .trim()
      .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`),
  )

/**
 * A GOV.UK date input (day, month, year) plus a 24-hour time, read as London wall-clock time.
 * The body is checked in the same pass as the date and time, so every error shows at once
 * (zod skips the transform when a field of the object fails).
 */
export const meetingForm = z
  .object({
    bodyId: z.string().optional(),
    day: z.string().optional(),
    month: z.string().optional(),
    year: z.string().optional(),
    time: z.string().optional(),
    location: text('Location', 300),
    notes: text('Notes', 4000),
    status: z.enum(meetingStatuses, { error: 'Select the meeting’s status' }).default('scheduled'),
  })
  .transform((value, ctx) => {
    const bodyId = z.string().uuid().safeParse(value.bodyId)
    if (!bodyId.success) ctx.addIssue({ code: 'custom', path: ['bodyId'], message: 'Select the body that is meeting' })
    const [d, m, y] = [value.day, value.month, value.year].map((v) => (v ?? '').trim())
    const shaped = /^\d{1,2}$/.test(d ?? '') && /^\d{1,2}$/.test(m ?? '') && /^\d{4}$/.test(y ?? '')
    const inRange = shaped && isAllowedYear(Number(y))
    const real = inRange && calendarDate(Number(y), Number(m), Number(d)) !== undefined
    if (shaped && !inRange) ctx.addIssue({ code: 'custom', path: ['day'], message: `The meeting date must be ${allowedYears}` })
    else if (!real)
      ctx.addIssue({
        code: 'custom',
        path: ['day'],
        message: d || m || y ? 'The meeting date must be a real date, like 29 1 2019' : 'Enter the date of the meeting',
      })
    const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec((value.time ?? '').trim())
    if (!time) ctx.addIssue({ code: 'custom', path: ['time'], message: 'Enter the start time in 24-hour format, like 14:00' })
    if (!real || !time || !bodyId.success) return z.NEVER
    return {
      bodyId: bodyId.data,
      startsAt: fromLondon(Number(y), Number(m), Number(d), Number(time[1]), Number(time[2])),
      location: value.location,
      notes: value.notes,
      status: value.status,
    }
  })
export type MeetingInput = z.infer<typeof meetingForm>

export const agendaItemForm = z.object({
  title: z.string({ error: 'Enter the item’s title' }).trim().min(1, 'Enter the item’s title').max(300, 'Title must be 300 characters or fewer'),
  presenterId: optionalUuid('Select the presenter from the list'),
  purpose: z.enum(purposes, { error: 'Select whether the item is for decision, for noting or for information' }),
  report: text('The report', 100_000),
})
export type AgendaItemInput = z.infer<typeof agendaItemForm>

/** The checkbox on the change form that takes the uploaded paper off an item; a newly chosen file replaces it anyway. */
export const paperRemovalField = z.object({ removePaper: z.preprocess((v) => v === 'yes', z.boolean()) })

export const moveForm = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose up or down' }) })

export const recommendationForm = z.object({
  label: z.string({ error: 'Enter the label, like a)' }).trim().min(1, 'Enter the label, like a)').max(10, 'Label must be 10 characters or fewer'),
  text: z
    .string({ error: 'Enter what the meeting is asked to do' })
    .trim()
    .min(1, 'Enter what the meeting is asked to do')
    .max(2000, 'Recommendation must be 2,000 characters or fewer'),
})
export type RecommendationInput = z.infer<typeof recommendationForm>

export const decisionForm = z.object({
  decision: z.enum(decisions, { error: 'Select the decision' }),
  decisionText: text('The decision', 2000),
})
export type DecisionInput = z.infer<typeof decisionForm>

export const attendanceForm = z
  .object({
    personId: uuid('Select the person'),
    status: z.enum(attendanceStatuses, { error: 'Select whether they were present, sent apologies, were absent or substituted' }),
    substituteForId: optionalUuid('Select who they substituted for'),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'substitute' && !value.substituteForId)
      ctx.addIssue({ code: 'custom', path: ['substituteForId'], message: 'Select who they substituted for' })
    if (value.status === 'substitute' && value.substituteForId === value.personId)
      ctx.addIssue({ code: 'custom', path: ['substituteForId'], message: 'A person cannot substitute for themselves' })
  })
  .transform((value) => ({ ...value, substituteForId: value.status === 'substitute' ? value.substituteForId : null }))
export type AttendanceInput = z.infer<typeof attendanceForm>

export const attendanceRemovalForm = z.object({ personId: uuid('Select the person to remove from the attendance') })

export const meetingFilters = z.object({
  body: z.string().uuid().optional().catch(undefined),
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming').catch('upcoming'),
})
export type MeetingFilters = z.infer<typeof meetingFilters>
