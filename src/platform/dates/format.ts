// UK style dates in the interface ("7 February 2019"), always in Europe/London.
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' })

function toDate(value: Date | string | null | undefined): Date | null {
  if (value == null || value === '') return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

export function formatUkDate(value: Date | string | null | undefined): string {
  const date = toDate(value)
  return date ? dateFormat.format(date) : ''
}

export function formatUkDateTime(value: Date | string | null | undefined): string {
  const date = toDate(value)
  return date ? `${dateFormat.format(date)} at ${timeFormat.format(date).replace(' ', '')}` : ''
}
