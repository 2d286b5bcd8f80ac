import { z } from 'zod'
import { bodyKinds, memberRoles } from './model.ts'
import { dateField, isRealDate, withDates } from '../../platform/http/date-input.ts'

const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

export const bodyForm = z.preprocess(
  withDates({ establishedOn: 'Date established' }),
  z.object({
    name: z.string({ error: 'Enter the body’s name' }).trim().min(1, 'Enter the body’s name').max(200, 'Name must be 200 characters or fewer'),
    shortName: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null)),
      z.string().trim().max(40, 'Short name must be 40 characters or fewer').nullable(),
    ),
    kind: z.enum(bodyKinds, { error: 'Select the kind of body' }),
    purpose: z.preprocess((v) => v ?? '', z.string().trim().max(4000, 'Purpose must be 4,000 characters or fewer')),
    accountableToId: optionalId('Select a body from the list'),
    establishedOn: dateField(),
  }),
)

export type BodyInput = z.infer<typeof bodyForm>

export const endBodyForm = z.preprocess(
  withDates({ endedOn: 'Date it ended' }),
  z.object({
    endedOn: dateField('Enter the date it ended'),
    supersededById: optionalId('Select a body from the list'),
  }),
)

export type EndBodyInput = { endedOn: string; supersededById: string | null }

export const memberForm = z
  .preprocess(
    withDates({ startsOn: 'Start date', endsOn: 'End date' }),
    z.object({
      personId: z.string({ error: 'Select the person' }).uuid('Select the person'),
      role: z.enum(memberRoles, { error: 'Select their role on the body' }),
      representingId: optionalId('Select an organisation from the list'),
      startsOn: dateField(),
      endsOn: dateField(),
    }),
  )
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'End date must be the same as or after the start date' })
  })

export type MemberInput = z.infer<typeof memberForm>

export const bodyFilters = z.object({
  kind: z.enum(bodyKinds).optional().catch(undefined),
  status: z.enum(['current', 'ended', 'archived', 'all']).default('current').catch('current'),
  on: z.string().refine(isRealDate).optional().catch(undefined),
})

export type BodyFilters = z.infer<typeof bodyFilters>
