import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { formBody } from '../../platform/http/params.ts'
import { uploadedFile } from '../../platform/files/uploads.ts'
import { attachmentHeader, fileTypes } from '../../platform/files/file-types.ts'
import { sendTable, type DownloadTable } from '../../platform/files/table-download.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { fingertipsColumns, layoutNames, maxBrowserBytes, thriveColumns, type Layout } from './layout.ts'
import { countsText } from './import.ts'
import type { ImportJob, ImportJobs } from './jobs.ts'
import { exportHeaders } from './export.ts'
import { xlsxStream } from './write.ts'
import { csvStream } from '../../platform/files/csv.ts'
import type { ValueTransferService } from './service.ts'

const title = 'Import indicator values'
const layoutOf = (query: unknown): Layout => ((query as { layout?: string } | undefined)?.layout === 'fingertips' ? 'fingertips' : 'thrive')
const sizeText = `${maxBrowserBytes / 1024 / 1024} MB`

function problemTable(job: ImportJob): DownloadTable {
  const problems = job.result && !job.result.ok ? job.result.problems : []
  return {
    name: `Problems in ${job.filename}`,
    columns: [{ header: 'Row' }, { header: 'Column', width: 24 }, { header: 'Problem', width: 80 }],
    rows: problems.map((p) => [p.row, p.column ?? '', p.message]),
  }
}

export function valueTransferRoutes(app: FastifyInstance, transfer: ValueTransferService, jobs: ImportJobs): void {
  function showForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) {
    return renderPage(request, reply, 'value-transfer/views/import.njk', {
      title,
      thriveColumns,
      fingertipsHeaders: fingertipsColumns.map((c) => c.header),
      fingertipsRead: fingertipsColumns.filter((c) => c.field).map((c) => c.header),
      sizeText,
      errors: { list: [], fields: {} },
      follow: true,
      ...data,
    })
  }

  const findJob = (request: FastifyRequest): Promise<ImportJob> => jobs.find(actorOf(request), (request.params as { job: string }).job)

  app.get('/indicator-values/import', async (request, reply) => {
    await transfer.assertMayImport(actorOf(request))
    return showForm(request, reply)
  })

  app.post('/indicator-values/import', async (request, reply) => {
    const actor = actorOf(request)
    await transfer.assertMayImport(actor)
    const body = formBody(request)
    const file = uploadedFile(body, 'file')
    // Whether the progress page updates itself: the person's choice, made before it happens (WCAG 2.2.1).
    const follow = body.follow === 'yes'
    const refuse = (message: string) => {
      reply.code(400)
      return showForm(request, reply, { follow, errors: { list: [{ text: message, href: '#file' }], fields: { file: { text: message } } } })
    }
    if (!file) return refuse('Select the file of values to import')
    if (file.truncated)
      return refuse(`The file must be smaller than ${sizeText} to import here: import a bigger file from the command line, with thrive import`)
    const id = await jobs.start(actor, file)
    return reply.redirect(`/indicator-values/imports/${id}${follow ? '?follow=yes' : ''}`, 303)
  })

  app.get('/indicator-values/imports/:job', async (request, reply) => {
    const job = await findJob(request)
    const result = job.result
    const failed = job.state === 'failed'
    const percent = job.totalBytes ? Math.min(100, Math.round((job.progress.bytesRead / job.totalBytes) * 100)) : 0
    // Progress moves without moving the data versions (background_jobs is not watched), so the page cache must not keep it.
    reply.header('cache-control', 'no-store')
    return renderPage(request, reply, 'value-transfer/views/job.njk', {
      title: result?.ok
        ? `Values imported from ${job.filename}`
        : result || failed
          ? `Nothing was imported from ${job.filename}`
          : `Importing values from ${job.filename}`,
      job,
      failed,
      queued: job.state === 'queued',
      running: !result && !failed,
      follow: (request.query as { follow?: string } | undefined)?.follow === 'yes',
      percent,
      phaseText: { reading: 'Reading the file', checking: 'Checking the rows against the register of areas and each other', writing: 'Writing the values' }[
        job.progress.phase
      ],
      rowsText: job.progress.rowsRead.toLocaleString('en-GB'),
      summary: result?.ok ? countsText(result.counts) : '',
      layoutName: result?.ok ? layoutNames[result.layout] : '',
      problems: result && !result.ok ? result.problems : [],
      totalText: result && !result.ok ? result.total.toLocaleString('en-GB') : '',
      moreProblems: result && !result.ok ? result.total - result.problems.length : 0,
    })
  })

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/indicator-values/imports/:job/problems.${format}`, async (request, reply) => sendTable(reply, problemTable(await findJob(request)), format))

    app.get(`/indicator-values/imports.${format}`, async (request, reply) => {
      const imports = await transfer.pastImports(actorOf(request))
      return sendTable(
        reply,
        {
          name: 'Value imports',
          columns: [
            { header: 'Imported', width: 20 },
            { header: 'File', width: 40 },
            { header: 'Layout', width: 26 },
            { header: 'Rows' },
            { header: 'Values as imported' },
            { header: 'Figures replaced' },
            { header: 'By', width: 30 },
          ],
          rows: imports.map((i) => [
            i.created_at.toISOString(),
            i.filename,
            layoutNames[i.layout],
            i.row_count,
            Number(i.current),
            Number(i.replaced),
            i.imported_by_label,
          ]),
        },
        format,
      )
    })

    app.get(`/indicator-values/export.${format}`, async (request, reply) => {
      const actor = actorOf(request)
      const layout = layoutOf(request.query)
      const name = `Indicator values (${layoutNames[layout]}) ${londonToday()}`
      const rows = transfer.exportRows(actor, layout)
      // The first page is read before the headers go, so a refusal is a proper error page rather than a cut-off download.
      const first = await rows.next()
      const all = (async function* () {
        if (!first.done) yield first.value
        yield* rows
      })()
      reply
        .header('content-disposition', attachmentHeader(`${name}.${format}`))
        .header('cache-control', 'private, no-store')
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : fileTypes['.xlsx']!.contentType)
      return reply.send(format === 'csv' ? csvStream(exportHeaders(layout), all) : xlsxStream(name, exportHeaders(layout), all))
    })
  }

  app.get('/indicator-values/imports', async (request, reply) => {
    const actor = actorOf(request)
    const imports = await transfer.pastImports(actor)
    return renderPage(request, reply, 'value-transfer/views/imports.njk', {
      title: 'Imports of indicator values',
      imports: imports.map((i) => ({ ...i, layoutName: layoutNames[i.layout], current: Number(i.current), replaced: Number(i.replaced) })),
      canImport: actor.role !== 'viewer',
    })
  })
}
