import { z } from 'zod'
import { dateField, withDates } from '../../platform/http/date-input.ts'

const text = (what: string, max: number, required = true) => {
  const base = z.string({ error: `Enter the ${what}` }).trim()
  return (required ? base.min(1, `Enter the ${what}`) : base).max(max, `The ${what} must be ${max} characters or fewer`)
}
const optionalText = (what: string, max: number) => z.preprocess((v) => v ?? '', text(what, max, false))

export const versionDetailsForm = z.object({
  title: text('title', 200),
  ambition: text('ambition', 1000),
  introduction: optionalText('introduction', 4000),
})
export type VersionDetailsInput = z.infer<typeof versionDetailsForm>

export const outcomeForm = z.object({
  title: text('outcome', 300),
  description: optionalText('description', 2000),
})
export type OutcomeInput = z.infer<typeof outcomeForm>

/** Checkboxes arrive as nothing, one value or several. */
export const idList = (message: string) => z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid(message)))

export const commitmentForm = z.object({
  text: text('commitment', 500),
  outcomeIds: idList('Select outcomes from the list'),
})
export type CommitmentInput = z.infer<typeof commitmentForm>

export const moveForm = z.object({
  direction: z.enum(['up', 'down'], { error: 'Choose whether to move it up or down' }),
})

export const consultationForm = z.preprocess(
  withDates({ startsOn: 'The date the consultation starts', endsOn: 'The date the consultation ends' }),
  z
    .object({
      startsOn: dateField('Enter the date the consultation starts'),
      endsOn: dateField('Enter the date the consultation ends'),
    })
    .superRefine((value, ctx) => {
      if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The date the consultation ends must be on or after the date it starts' })
      }
    })
    .transform((value) => ({ startsOn: value.startsOn as string, endsOn: value.endsOn as string })),
)
export type ConsultationInput = z.infer<typeof consultationForm>

export const adoptionForm = z.preprocess(
  withDates({ adoptedOn: 'The date adopted' }),
  z
    .object({
      adoptedOn: dateField('Enter the date the framework was adopted'),
      bodyId: z.string({ error: 'Select the body that adopted the framework' }).uuid('Select the body that adopted the framework'),
    })
    .transform((value) => ({ adoptedOn: value.adoptedOn as string, bodyId: value.bodyId })),
)
export type AdoptionInput = z.infer<typeof adoptionForm>
