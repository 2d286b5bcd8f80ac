// The partnership's dates and times are in Europe/London: "today", "overdue"
// and a meeting's 2pm mean London's, whatever zone the server runs in.

const isoDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** Today's date in London as 'YYYY-MM-DD': what "overdue" and "as it stands today" mean for a UK partnership. */
export function londonToday(now = new Date()): string {
  return isoDateFormat.format(now)
}

/** The wall-clock date and time in London at an instant, as form values (no leading zeros but the time's). */
export function londonWallClock(instant: Date): { day: string; month: string; year: string; time: string } {
  const parts = Object.fromEntries(londonParts.formatToParts(instant).map((p) => [p.type, p.value]))
  return { day: String(Number(parts.day)), month: String(Number(parts.month)), year: parts.year ?? '', time: `${parts.hour}:${parts.minute}` }
}

/** How far London's clocks are ahead of UTC at an instant (ms since the epoch), to the minute. */
function londonOffset(instant: number): number {
  const seen = londonWallClock(new Date(instant))
  const [h, m] = seen.time.split(':').map(Number) as [number, number]
  return Date.UTC(Number(seen.year), Number(seen.month) - 1, Number(seen.day), h, m) - instant
}

/**
 * The instant of a London wall-clock date and time. Meetings are arranged in
 * local time, so 2pm in July is 13:00 UTC and 2pm in January is 14:00 UTC.
 */
export function fromLondon(year: number, month: number, day: number, hour: number, minute: number): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute)
  // Asked twice: near a clock change the offset at the wanted time read as UTC can differ from the offset at the answer.
  return new Date(wanted - londonOffset(wanted - londonOffset(wanted)))
}
