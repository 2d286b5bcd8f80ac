import type { DemoContext, DemoModule } from '../context.ts'
import { externalFrameworkForm, priorityForm } from '../../src/strategy/external-frameworks/schema.ts'
import * as external from '../../src/strategy/external-frameworks/repository.ts'
import { commitmentForm, outcomeForm, versionDetailsForm } from '../../src/strategy/framework/schema.ts'
import * as framework from '../../src/strategy/framework/repository.ts'
import { replaceLinks } from '../../src/strategy/alignment/repository.ts'
import { gmChildrensPlan, gmPriorities } from '../data/gm-priorities.ts'
import { commitments, frameworkVersion1, outcomes } from '../data/framework.ts'

/**
 * The strategic framework of seed 000: the GM Children's Plan's seven
 * priorities (shared by every partnership, so reused when a rebuild finds them),
 * Oldham's ambition, five outcomes and nine commitments as version 1 —
 * drafted, consulted on through the Staff College workshops and adopted by the
 * Strategic Partnership Board — and how each outcome and commitment aligns to
 * the GM priorities. Refs: 'priority:<key>', 'outcome:<key>',
 * 'commitment:<key>' and 'framework-version:1' for later modules.
 */
/**
 * The GM Children's Plan and its priorities, kept by the service for every
 * partnership (no owner), found or made before the demo enters its
 * partnership's row-level security, which lets a partnership write only sets
 * of its own. Runs as the owner role.
 */
export async function seedRegionalFrameworks({ trx, audit }: Pick<DemoContext, 'trx' | 'audit'>): Promise<void> {
  let plan = await external.findFrameworkByTitle(trx, gmChildrensPlan.title)
  if (!plan) {
    plan = await external.insertFramework(trx, null, externalFrameworkForm.parse(gmChildrensPlan))
    await audit({ action: 'create', entityType: 'external-framework', entityId: plan.id, summary: `Added the regional framework ‘${plan.title}’`, after: plan })
  }
  const existing = await external.prioritiesOf(trx, plan.id)
  for (const priority of gmPriorities) {
    if (existing.some((p) => p.title === priority.title)) continue
    const found = await external.insertPriority(trx, plan.id, priorityForm.parse(priority))
    await audit({
      action: 'create',
      entityType: 'external-priority',
      entityId: found.id,
      summary: `Added the priority ‘${found.title}’ to ‘${plan.title}’`,
      after: found,
    })
  }
}

export const strategyFramework: DemoModule = {
  name: 'strategic framework and alignment',
  async seed({ trx, partnershipId, refs, audit }) {
    const plan = await external.findFrameworkByTitle(trx, gmChildrensPlan.title)
    if (!plan) throw new Error(`The demo needs ‘${gmChildrensPlan.title}’: seedRegionalFrameworks runs first`)
    const existing = await external.prioritiesOf(trx, plan.id)
    for (const priority of gmPriorities) {
      const found = existing.find((p) => p.title === priority.title)
      if (!found) throw new Error(`The demo needs the GM priority ‘${priority.title}’`)
      refs.set('priority', priority.key, found.id)
    }

    const details = versionDetailsForm.parse(frameworkVersion1)
    const version = await framework.insertVersion(trx, partnershipId, { number: 1, ...details })
    refs.set('framework-version', '1', version.id)
    await audit({
      action: 'create',
      entityType: 'framework-version',
      entityId: version.id,
      summary: `Started the first draft of the strategic framework, ‘${version.title}’`,
      after: version,
    })

    for (const [index, outcome] of outcomes.entries()) {
      const id = await framework.insertOutcome(trx, partnershipId, version.id, index + 1, outcomeForm.parse({ title: outcome.title }))
      refs.set('outcome', outcome.key, id)
      await audit({
        action: 'create',
        entityType: 'outcome',
        entityId: id,
        summary: `Added the outcome ‘${outcome.title}’ to version 1 of the strategic framework`,
        after: outcome,
      })
    }
    for (const [index, commitment] of commitments.entries()) {
      const input = commitmentForm.parse({ text: commitment.text, outcomeIds: commitment.outcomes.map((key) => refs.get('outcome', key)) })
      const id = await framework.insertCommitment(trx, partnershipId, version.id, index + 1, input)
      refs.set('commitment', commitment.key, id)
      await audit({
        action: 'create',
        entityType: 'commitment',
        entityId: id,
        summary: `Added the commitment ‘${commitment.text}’ to version 1 of the strategic framework`,
        after: input,
      })
    }

    const consulted = await framework.updateVersion(trx, partnershipId, version.id, version.version, {
      stage: 'consultation',
      consultation_starts_on: frameworkVersion1.consultationStartsOn,
      consultation_ends_on: frameworkVersion1.consultationEndsOn,
    })
    await audit({
      action: 'update',
      entityType: 'framework-version',
      entityId: version.id,
      summary: 'Put version 1 of the strategic framework out for consultation',
      before: version,
      after: consulted,
    })
    const adopted = await framework.updateVersion(trx, partnershipId, version.id, consulted!.version, {
      stage: 'adopted',
      adopted_on: frameworkVersion1.adoptedOn,
      adopted_by_id: refs.get('body', frameworkVersion1.adoptedBy),
    })
    await audit({
      action: 'update',
      entityType: 'framework-version',
      entityId: version.id,
      summary: 'The Children and Young People’s Strategic Partnership Board adopted version 1 of the strategic framework',
      before: consulted,
      after: adopted,
    })

    const planPriorities = gmPriorities.map((p) => refs.get('priority', p.key))
    for (const [kind, items] of [
      ['outcome', outcomes],
      ['commitment', commitments],
    ] as const) {
      for (const item of items) {
        const id = refs.get(kind, item.key)
        const chosen = item.priorities.map((key) => refs.get('priority', key))
        await replaceLinks(trx, partnershipId, kind, id, planPriorities, chosen)
        const titles = gmPriorities.filter((p) => item.priorities.includes(p.key)).map((p) => p.title)
        await audit({
          action: 'update',
          entityType: `${kind}-alignment`,
          entityId: id,
          summary: `Set the ${plan.title} priorities that the ${kind} serves`,
          after: { priorities: titles },
        })
      }
    }
  },
}
