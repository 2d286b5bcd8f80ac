import type { ExternalScope, ProposalAnswer } from '../../platform/db/strategy-tables.ts'

export const scopes: readonly ExternalScope[] = ['regional', 'national']
export const scopeLabels: Record<ExternalScope, string> = { regional: 'Regional', national: 'National' }

/**
 * Whose a priority set is, seen from one partnership: its own (its admins
 * change it), another partnership's, or the platform's, kept for every
 * partnership (the GM Children's Plan) and changed only by an operator. Every
 * partnership reads, aligns to and copies any of them.
 */
export type Ownership = 'ours' | 'another-partnership' | 'platform'

export function ownershipOf(ownerPartnershipId: string | null, partnershipId: string): Ownership {
  if (ownerPartnershipId == null) return 'platform'
  return ownerPartnershipId === partnershipId ? 'ours' : 'another-partnership'
}

/** Who keeps the set, in the words the pages use. */
export function keeperText(ownership: Ownership, ownerName: string | null): string {
  if (ownership === 'platform') return 'The service, for every partnership'
  if (ownership === 'ours') return `Your partnership${ownerName ? ` (${ownerName})` : ''}`
  return ownerName ?? 'Another partnership'
}

/** Why a set that is not the partnership's own cannot be changed, and what to do instead. */
export function refusalText(ownership: Exclude<Ownership, 'ours'>, title: string): string {
  const instead = 'Copy it to your partnership to make a set you can change.'
  return ownership === 'platform'
    ? `‘${title}’ is kept by the service for every partnership, so it cannot be changed here. ${instead}`
    : `‘${title}’ belongs to another partnership: only its admins can change it. ${instead}`
}

/** The title a copy is offered, to be changed before saving: titles are unique across the service. */
export function copyTitle(title: string, partnershipName: string): string {
  return `${title} (${partnershipName})`.slice(0, 200)
}

// ---------------------------------------------------------------- proposed changes

export const proposalAnswers: readonly ProposalAnswer[] = ['made', 'declined']
export const answerLabels: Record<ProposalAnswer, string> = { made: 'Made the change', declined: 'Declined' }

/**
 * What a partnership is to a proposal, as row-level security sees it: the one
 * that keeps the set (and answers), the one that sent it, or neither (for whom
 * it does not exist). A platform set's proposals are answered by operators.
 */
export type ProposalRole = 'keeper' | 'sender' | 'none'

export function proposalRoleOf(proposal: { from_partnership_id: string; owner_partnership_id: string | null }, partnershipId: string): ProposalRole {
  if (proposal.owner_partnership_id === partnershipId) return 'keeper'
  return proposal.from_partnership_id === partnershipId ? 'sender' : 'none'
}

/** Why the partnership cannot propose a change to this set, or null when it can. */
export function proposalRefusal(ownership: Ownership, framework: { title: string; archived_at: Date | null }): string | null {
  if (ownership === 'ours') return `‘${framework.title}’ is your partnership’s own set: change it yourselves rather than proposing a change.`
  if (framework.archived_at) return `‘${framework.title}’ is archived: it takes no proposed changes.`
  return null
}

/** Who answers a proposal to a set, in the words the pages use. */
export function answererText(ownerName: string | null): string {
  return ownerName ? `the admins of ${ownerName}` : 'the service’s operators'
}

/** How a proposal stands, as a GOV.UK tag. */
export function proposalStatus(answer: ProposalAnswer | null): { text: string; classes: string } {
  if (answer === 'made') return { text: answerLabels.made, classes: 'govuk-tag--green' }
  if (answer === 'declined') return { text: answerLabels.declined, classes: 'govuk-tag--grey' }
  return { text: 'Waiting for an answer', classes: 'govuk-tag--yellow' }
}

/**
 * The audit trail's lines for an answer: one in the answerer's trail (the
 * keeping partnership's, or the platform's for an operator) and one in the
 * sender's, so they see it there.
 */
export function answerSummaries(
  answer: ProposalAnswer,
  setTitle: string,
  names: { sender: string; answerer: string | null },
): { answerer: string; sender: string } {
  const verb = answer === 'made' ? 'made' : 'declined'
  return {
    answerer: `${verb === 'made' ? 'Made' : 'Declined'} the change to ‘${setTitle}’ that ${names.sender} proposed`,
    sender: `${names.answerer ?? 'The service’s operators'} ${verb} the change to ‘${setTitle}’ that your partnership proposed`,
  }
}
