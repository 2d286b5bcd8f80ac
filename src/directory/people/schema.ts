import { z } from 'zod'

export const peopleFilters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  organisation: z.string().uuid().optional().catch(undefined),
  status: z.enum(['active', 'archived', 'all']).default('active').catch('active'),
})

export type PeopleFilters = z.infer<typeof peopleFilters>

const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null)),
    z.string().trim().max(max, `${label} must be ${max} characters or fewer`).nullable(),
  )

export const personForm = z
  .object({
    name: optionalText('Name', 200),
    roleTitle: optionalText('Role title', 200),
    jobTitle: optionalText('Job title', 200),
    organisationId: z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid('Select an organisation from the list').nullable()),
    // Left out (an import, the demo) means "leave the link as it is"; blank on the form means "not linked".
    userId: z.preprocess((v) => (v === '' || v === null ? null : v), z.string().uuid('Select an account from the list').nullable().optional()),
    email: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null)),
      z
        .string()
        .trim()
        .toLowerCase()
        .max(320, 'Email address must be 320 characters or fewer')
        .email('Enter an email address in the correct format, like name@example.org')
        .nullable(),
    ),
  })
  // People appear by name or by the role they hold ("Director of Children's Services"): one is needed.
  .superRefine((value, ctx) => {
    if (!value.name && !value.roleTitle) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter a name or a role title' })
    }
  })

export type PersonInput = z.infer<typeof personForm>
