/**
 * Raised when the numbers given to a statistical method cannot produce a
 * meaningful answer (a negative count, a count above its denominator, …).
 * Callers turn it into a validation message: it always names the bad input.
 */
export class StatisticsInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StatisticsInputError'
  }
}
