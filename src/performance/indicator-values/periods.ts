import type { PeriodType } from '../../platform/db/performance-tables.ts'
import { earliestYear, isAllowedYear, latestYear } from '../../platform/http/date-input.ts'

// A value's period is kept as the date it starts; these turn it into the words
// Fingertips publishes it with ("2018/19", "2016 - 18", "2019/20 Q1") and back.

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const pad = (n: number) => String(n).padStart(2, '0')
const iso = (year: number, month: number) => `${year}-${pad(month)}-01`
const twoDigits = (year: number) => pad(year % 100)

/** The month (1–12) each kind of year starts in. */
const yearStarts: Partial<Record<PeriodType, number>> = { 'financial-year': 4, 'academic-year': 9, 'calendar-year': 1, 'rolling-3-years': 1 }

export function periodLabel(type: PeriodType, startsOn: string): string {
  const [year, month] = startsOn.split('-').map(Number) as [number, number]
  switch (type) {
    case 'financial-year':
    case 'academic-year':
      return `${year}/${twoDigits(year + 1)}`
    case 'calendar-year':
      return String(year)
    case 'rolling-3-years':
      return `${year} - ${twoDigits(year + 2)}`
    case 'quarter': {
      // Financial quarters, as Fingertips labels them: April to June is Q1.
      const fy = month >= 4 ? year : year - 1
      return `${fy}/${twoDigits(fy + 1)} Q${Math.floor(((month + 8) % 12) / 3) + 1}`
    }
    case 'month':
      return `${months[month - 1]} ${year}`
  }
}

export type PeriodResult = { ok: true; startsOn: string } | { ok: false; message: string }

const examples: Record<PeriodType, string> = {
  'financial-year': '2018/19',
  'academic-year': '2018/19',
  'calendar-year': '2018',
  'rolling-3-years': '2016 - 18',
  quarter: '2019/20 Q1',
  month: 'April 2019',
}

/**
 * Reads a period typed or imported for an indicator of this period type.
 * A year outside the range dates are kept in ('0000', '9999') is refused with
 * a message: PostgreSQL has no year 0, and no indicator reaches that far.
 */
export function parsePeriod(type: PeriodType, text: string): PeriodResult {
  const result = periodOfShape(type, text)
  if (!result.ok) return result
  const year = Number(result.startsOn.slice(0, 4))
  return isAllowedYear(year) ? result : { ok: false, message: `Enter a period between ${earliestYear} and ${latestYear}, like ${examples[type]}` }
}

function periodOfShape(type: PeriodType, text: string): PeriodResult {
  const t = text.trim().replace(/\s+/g, ' ')
  const fail = (): PeriodResult => ({ ok: false, message: `Enter the period like ${examples[type]}` })
  const yearSpan = /^(\d{4})\s?[/-]\s?(\d{2}|\d{4})$/.exec(t)
  const consecutive = (from: number, to: string, span: number) => (to.length === 2 ? (from + span) % 100 === Number(to) : from + span === Number(to))
  switch (type) {
    case 'financial-year':
    case 'academic-year': {
      if (!yearSpan || !consecutive(Number(yearSpan[1]), yearSpan[2]!, 1)) return fail()
      return { ok: true, startsOn: iso(Number(yearSpan[1]), yearStarts[type]!) }
    }
    case 'calendar-year':
      return /^\d{4}$/.test(t) ? { ok: true, startsOn: iso(Number(t), 1) } : fail()
    case 'rolling-3-years': {
      if (!yearSpan || !consecutive(Number(yearSpan[1]), yearSpan[2]!, 2)) return fail()
      return { ok: true, startsOn: iso(Number(yearSpan[1]), 1) }
    }
    case 'quarter': {
      const q = /^(\d{4})\s?\/\s?(\d{2})\s?Q([1-4])$/i.exec(t)
      if (!q || !consecutive(Number(q[1]), q[2]!, 1)) return fail()
      const month = 4 + (Number(q[3]) - 1) * 3
      return { ok: true, startsOn: month > 12 ? iso(Number(q[1]) + 1, month - 12) : iso(Number(q[1]), month) }
    }
    case 'month': {
      const m = /^([A-Za-z]+) (\d{4})$/.exec(t)
      const index = m ? months.findIndex((name) => name.toLowerCase().startsWith(m[1]!.toLowerCase()) && m[1]!.length >= 3) : -1
      return m && index >= 0 ? { ok: true, startsOn: iso(Number(m[2]), index + 1) } : fail()
    }
  }
}

/** The start of the period that follows, for telling consecutive periods (the recent trend needs five in a row). */
export function nextPeriodStart(type: PeriodType, startsOn: string): string {
  const [year, month] = startsOn.split('-').map(Number) as [number, number]
  const step = type === 'quarter' ? 3 : type === 'month' ? 1 : 12
  const total = year * 12 + (month - 1) + step
  return iso(Math.floor(total / 12), (total % 12) + 1)
}
