// Calendar arithmetic on 'YYYY-MM-DD' dates. Done in UTC so that no clock
// change can move a date: a date here is a day on the calendar, not an instant.

const pad = (n: number) => String(n).padStart(2, '0')
const parts = (date: string) => date.split('-').map(Number) as [number, number, number]

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`
}

/** How many days a month (1-12) has: 29 for February 2008, 28 for February 2009. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/**
 * Kept to the month's last day when the day does not exist (31 January + 1
 * month is 28 or 29 February). A series should always count from its first
 * date, so 31 January monthly gives 31 March, not 28 March.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return isoDate(year, month, Math.min(d, daysInMonth(year, month)))
}
