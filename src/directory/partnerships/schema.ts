import { z } from 'zod'

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : undefined))

/** A new partnership as an operator describes it; the first admin is optional at the command line, where they may be added later. */
export const newPartnershipForm = z
  .object({
    slug: z
      .string({ error: 'Enter a short name for its address' })
      .trim()
      .toLowerCase()
      .min(1, 'Enter a short name for its address')
      .max(60, 'The short name must be 60 characters or fewer')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'The short name may use only letters, numbers and single hyphens between them, like ‘oldham’ or ‘north-east-lincs’'),
    name: z
      .string({ error: 'Enter the partnership’s name' })
      .trim()
      .min(1, 'Enter the partnership’s name')
      .max(200, 'The name must be 200 characters or fewer'),
    areaCode: optionalText(9, 'Enter an ONS area code, like E08000004')
      .transform((value) => value?.toUpperCase())
      .refine((value) => value === undefined || /^[EWSNK][0-9]{8}$/.test(value), 'Enter an ONS area code, like E08000004'),
    adminEmail: optionalText(320, 'Email address must be 320 characters or fewer').transform((value) => value?.toLowerCase()),
    adminName: optionalText(200, 'Name must be 200 characters or fewer'),
  })
  .superRefine((value, ctx) => {
    if (value.adminEmail && !z.email().safeParse(value.adminEmail).success) {
      ctx.addIssue({ code: 'custom', path: ['adminEmail'], message: 'Enter the first admin’s email address in the correct format, like name@example.org' })
    }
    if (value.adminEmail && !value.adminName) ctx.addIssue({ code: 'custom', path: ['adminName'], message: 'Enter the first admin’s name' })
    if (value.adminName && !value.adminEmail) ctx.addIssue({ code: 'custom', path: ['adminEmail'], message: 'Enter the first admin’s email address' })
  })
export type NewPartnershipInput = z.input<typeof newPartnershipForm>

/** The operator's page insists on a first admin: a partnership nobody can sign in to is no use. */
export const operatorPartnershipForm = newPartnershipForm.superRefine((value, ctx) => {
  if (!value.adminEmail && !value.adminName) {
    ctx.addIssue({ code: 'custom', path: ['adminEmail'], message: 'Enter the first admin’s email address' })
    ctx.addIssue({ code: 'custom', path: ['adminName'], message: 'Enter the first admin’s name' })
  }
})
