import type { Writable } from 'node:stream'
import { csvText } from '../../platform/files/csv.ts'
import { timescaleText } from '../plans/index.ts'
import { columns, columnWidths, ragLabels, statusLabels, type SheetRow } from './layout.ts'
import type { ExportAim } from './repository.ts'

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const ukDay = (date: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return `${day} ${months[month - 1]} ${year}`
}

/**
 * The plan as rows of the sheet, like seed 001 Appendix 2: an aim's number,
 * title and outcome on its first row only. An aim with no objectives yet
 * still has its row, so nothing is lost on the way out.
 */
export function sheetRows(aims: readonly ExportAim[]): SheetRow[] {
  const blank: SheetRow = Object.fromEntries(columns.map((c) => [c, ''])) as SheetRow
  return aims.flatMap((aim) => {
    const head = { Number: String(aim.number), Aim: aim.title, Outcome: aim.expectedOutcome }
    if (!aim.objectives.length) return [{ ...blank, ...head }]
    return aim.objectives.map((o, index) => ({
      ...blank,
      ...(index === 0 ? head : {}),
      Objective: o.title,
      Timescale: timescaleText(o.timescale),
      Owner: o.ownerLabel ?? '',
      'Lead body': o.leadBodyName ?? '',
      Status: o.status ? statusLabels[o.status] : '',
      RAG: o.rag ? ragLabels[o.rag] : '',
      'Last update': o.reportedOn ? ukDay(o.reportedOn) : '',
    }))
  })
}

/** The plan as CSV, formulas neutralised; the import takes the escaping off again, so the round trip is exact. */
export function planCsv(aims: readonly ExportAim[]): string {
  return csvText(
    columns,
    sheetRows(aims).map((row) => columns.map((c) => row[c])),
  )
}

/** A sheet name Excel accepts: at most 31 characters and none of []:*?/\. */
const sheetName = (title: string) =>
  title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31) || 'Delivery plan'

/**
 * Streams the workbook to the response as it is written: a header row that
 * stays in view, widths that fit the seed's wording, text wrapped and set at
 * the top of each cell. Every cell but the aim's number is text, so Excel
 * never turns "November 2007" into a date.
 */
export async function writePlanWorkbook(title: string, aims: readonly ExportAim[], stream: Writable): Promise<void> {
  // exceljs takes a second to load: it loads with the first workbook, not with every process.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true })
  workbook.creator = 'Thrive'
  workbook.title = title
  const sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((column) => ({
    header: column,
    key: column,
    width: columnWidths[column],
    style: { alignment: { wrapText: true, vertical: 'top' }, numFmt: column === 'Number' ? '0' : '@' },
  }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.commit()
  for (const row of sheetRows(aims)) {
    sheet.addRow({ ...row, Number: row.Number === '' ? null : Number(row.Number) }).commit()
  }
  sheet.commit()
  await workbook.commit()
}
