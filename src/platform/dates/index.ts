// Every date rule in one place: calendar arithmetic on 'YYYY-MM-DD' dates,
// what the date and time are in London, and how dates read in the interface.

export { addDays, addMonths, daysInMonth, isoDate } from './calendar.ts'
export { fromLondon, londonToday, londonWallClock } from './london.ts'
export { formatUkDate, formatUkDateTime } from './format.ts'
