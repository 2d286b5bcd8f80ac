/**
 * Whether a write failed on a unique constraint (SQLSTATE 23505), and on the
 * one named if given: the race two people adding the same name at once lose
 * only at the database, so the service turns it into the form's message.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null | undefined
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint)
}
