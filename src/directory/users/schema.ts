import { z } from 'zod'
import { roles } from '../../platform/auth/model.ts'
import { passwordProblem } from '../../platform/auth/passwords.ts'

const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(320, 'Email address must be 320 characters or fewer')
  .email('Enter an email address in the correct format, like name@example.org')

const displayName = z.string({ error: 'Enter the person’s name' }).trim().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer')

// Not trimmed: spaces are allowed in a passphrase and must match at sign-in.
const password = z
  .string({ error: 'Enter a password' })
  .min(1, 'Enter a password')
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const role = z.enum(roles, { error: 'Select a role' })

/** An admin invites by email: no password, since the account may already exist and is then its holder's alone. */
export const invitationForm = z.object({ email, displayName, role })
export type InvitationInput = z.infer<typeof invitationForm>

/** The invited person's own details, when the invitation's address has no account yet. */
export const newAccountForm = z.object({ displayName, password })

/** The command line's account details: the role and partnership are optional there. */
export const commandLineUser = z.object({ email, displayName, password, role: role.optional() })

export const roleForm = z.object({
  role,
  version: z.coerce.number({ error: 'The form is missing its version: reload the page' }).int().positive(),
})

export const versionField = roleForm.pick({ version: true })

export const passwordForm = z.object({ password })

export const emailField = z.object({ email })
