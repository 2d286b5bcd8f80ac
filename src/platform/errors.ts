/** Errors the services raise; the HTTP layer turns each into the right page. */
export class NotFoundError extends Error {
  constructor(what = 'The page') {
    super(`${what} could not be found`)
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that') {
    super(message)
  }
}

/** Someone else saved the record after this edit began: never overwrite silently. */
export class ConflictError extends Error {
  /** `reason` replaces the usual "changed by someone else" when the record is in a state that refuses the change. */
  constructor(what: string, reason?: string) {
    super(
      reason ??
        `${what} was changed by someone else while you were editing it. Your changes have not been saved. Check the latest version and make your changes again.`,
    )
  }
}

/** Field name → message, in the order the fields appear on the form. */
export type FieldErrors = Record<string, string>

export class ValidationError extends Error {
  readonly fields: FieldErrors

  constructor(fields: FieldErrors) {
    super('The input is not valid')
    this.fields = fields
  }
}
