import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField, type ErrorView } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { refusedChange } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { operatorOf } from '../../directory/partnerships/index.ts'
import { answerLabels, answererText, proposalAnswers } from './model.ts'
import type { PrioritySetProposalService, ProposalView } from './proposal-service.ts'
import { answerForm, proposalForm } from './schema.ts'

const noErrors: ErrorView = { list: [], fields: {} }
const setPage = (id: string) => `/external-frameworks/${id}`
const operatorList = '/operator/priority-set-proposals'

/**
 * Proposing a change to a priority set another partnership (or the service)
 * keeps, and answering one: by the keeping partnership's admins, or by
 * operators for the service's own sets. Plain forms, so all of it works
 * without JavaScript.
 */
export function prioritySetProposalRoutes(app: FastifyInstance, proposals: PrioritySetProposalService): void {
  // ---------------------------------------------------------------- proposing

  async function proposePage(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, errors = noErrors) {
    const { framework, priorities } = await proposals.getForProposal(actorOf(request), id)
    const priorityItems = [
      { value: '', text: 'The set as a whole' },
      ...priorities.map((p) => ({ value: p.id, text: p.title, selected: p.id === values.priorityId })),
    ]
    return renderPage(request, reply, 'external-frameworks/views/propose.njk', {
      title: `Propose a change to ${framework.title}`,
      framework,
      answerer: answererText(framework.ownerName),
      priorityItems,
      values,
      errors,
    })
  }

  app.get('/external-frameworks/:id/propose', async (request, reply) => {
    const id = idParam(request)
    try {
      return await proposePage(request, reply, id, {})
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error
      return refusedChange(request, reply, error, setPage(id))
    }
  })

  app.post('/external-frameworks/:id/propose', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const body = formBody(request)
    try {
      await proposals.getForProposal(actor, id)
      const { framework } = await proposals.propose(actor, id, parseForm(proposalForm, body))
      setFlash(reply, `Your proposed change to ‘${framework.title}’ has been sent`)
      return reply.redirect(`${setPage(id)}#proposals`, 303)
    } catch (error) {
      if (error instanceof ConflictError) return refusedChange(request, reply, error, setPage(id))
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      // Only a chosen priority that is an id goes back to the form (and so to the database).
      return proposePage(request, reply, id, body, errorView(error.fields))
    }
  })

  // ---------------------------------------------------------------- answering

  const answerItems = (chosen: unknown) => proposalAnswers.map((value) => ({ value, text: answerLabels[value], checked: value === chosen }))

  function answerPage(
    request: FastifyRequest,
    reply: FastifyReply,
    proposal: ProposalView,
    action: string,
    backTo: string,
    values: Record<string, unknown>,
    errors = noErrors,
  ) {
    return renderPage(request, reply, 'external-frameworks/views/answer.njk', {
      title: `Answer the change ${proposal.fromName} proposed to ${proposal.frameworkTitle}`,
      proposal,
      action,
      backTo,
      answerItems: answerItems(values.answer),
      values,
      errors,
    })
  }

  /** The form, or why it cannot be answered (already answered), for keepers and operators alike. */
  function answerRoutes(
    path: string,
    who: {
      load: (request: FastifyRequest, id: string) => Promise<ProposalView>
      answer: (request: FastifyRequest, id: string, version: number, body: Record<string, unknown>) => Promise<{ frameworkTitle: string; fromName: string }>
      backTo: (proposal: ProposalView) => string
    },
  ) {
    app.get(path, async (request, reply) => {
      const id = idParam(request)
      try {
        const proposal = await who.load(request, id)
        return answerPage(request, reply, proposal, request.url.split('?')[0]!, who.backTo(proposal), { version: proposal.version })
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error
        return refusedChange(request, reply, error, operatorOrSet(request))
      }
    })

    app.post(path, async (request, reply) => {
      const id = idParam(request)
      const body = formBody(request)
      let proposal: ProposalView
      try {
        proposal = await who.load(request, id)
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error
        return refusedChange(request, reply, error, operatorOrSet(request))
      }
      try {
        const { version } = parseForm(versionField, body)
        const answered = await who.answer(request, id, version, body)
        setFlash(reply, `Your answer to ${answered.fromName} about ‘${answered.frameworkTitle}’ has been sent`)
        return reply.redirect(who.backTo(proposal), 303)
      } catch (error) {
        if (error instanceof ConflictError) return refusedChange(request, reply, error, who.backTo(proposal))
        if (!(error instanceof ValidationError)) throw error
        reply.code(400)
        return answerPage(request, reply, proposal, request.url.split('?')[0]!, who.backTo(proposal), body, errorView(error.fields))
      }
    })
  }

  /** Where "see the latest" goes when a proposal was answered first: the operators' list or the sets list. */
  const operatorOrSet = (request: FastifyRequest) => (request.url.startsWith('/operator/') ? operatorList : '/external-frameworks')

  answerRoutes('/priority-set-proposals/:id/answer', {
    load: (request, id) => proposals.getForAnswer(actorOf(request), id),
    answer: (request, id, version, body) => proposals.answer(actorOf(request), id, version, parseForm(answerForm, body)),
    backTo: (proposal) => `${setPage(proposal.framework_id)}#proposals`,
  })

  // ---------------------------------------------------------------- operators, for the service's own sets

  app.get(operatorList, async (request, reply) => {
    operatorOf(request)
    const { open, answered } = await proposals.platformList()
    return renderPage(request, reply, 'external-frameworks/views/operator-proposals.njk', {
      title: 'Proposed changes to the service’s priority sets',
      open,
      answered,
    })
  })

  answerRoutes(`${operatorList}/:id`, {
    load: (request, id) => {
      operatorOf(request)
      return proposals.getForOperatorAnswer(id)
    },
    answer: (request, id, version, body) => proposals.answerAsOperator(operatorOf(request), id, version, parseForm(answerForm, body)),
    backTo: () => operatorList,
  })
}
