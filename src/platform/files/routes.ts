import type { FastifyInstance } from 'fastify'
import { actorOf } from '../http/request-context.ts'
import { idParam } from '../http/params.ts'
import { attachmentHeader } from './file-types.ts'
import type { FileService } from './service.ts'

export function fileRoutes(app: FastifyInstance, files: FileService): void {
  app.get('/files/:id', async (request, reply) => {
    const file = await files.download(actorOf(request), idParam(request))
    // Always a download, never shown in the page's origin, and never sniffed into something runnable.
    return reply
      .header('Content-Type', file.content_type)
      .header('Content-Disposition', attachmentHeader(file.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(file.content)
  })
}
