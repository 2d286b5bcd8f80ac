import { z } from 'zod'
import { dateField, withDates } from '../../platform/http/date-input.ts'
import { proposalAnswers, scopes } from './model.ts'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(max, `The ${what} must be ${max} characters or fewer`)
const optionalText = (what: string, max: number) => z.preprocess((v) => v ?? '', z.string().trim().max(max, `The ${what} must be ${max} characters or fewer`))

export const externalFrameworkForm = z.preprocess(
  withDates({ publishedOn: 'The date published' }),
  z.object({
    title: text('framework’s title', 200),
    publisher: text('publisher', 200),
    scope: z.enum(scopes, { error: 'Select whether the framework is regional or national' }),
    description: optionalText('description', 4000),
    publishedOn: dateField(),
  }),
)
export type ExternalFrameworkInput = z.infer<typeof externalFrameworkForm>

export const priorityForm = z.object({
  title: text('priority', 200),
  description: optionalText('description', 2000),
})
export type PriorityInput = z.infer<typeof priorityForm>

/** A copy needs a title of its own: titles are unique across the service, so nobody mistakes one set for another. */
export const copyForm = z.object({
  title: text('title of your copy', 200),
})
export type CopyInput = z.infer<typeof copyForm>

/** A proposed change: what to change, and optionally which of the set's priorities it concerns (checked against the set by the service). */
export const proposalForm = z.object({
  text: text('change you propose', 2000),
  priorityId: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? null : v),
    z
      .string()
      .regex(uuidPattern, 'Select one of the set’s priorities, or none')
      .transform((v) => v.toLowerCase())
      .nullable(),
  ),
})
export type ProposalInput = z.infer<typeof proposalForm>

export const answerForm = z.object({
  answer: z.enum(proposalAnswers, { error: 'Select whether you made the change or declined it' }),
  answerText: optionalText('reply', 1000),
})
export type AnswerInput = z.infer<typeof answerForm>
