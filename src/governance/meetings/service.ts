import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { formatUkDateTime, londonToday } from '../../platform/dates/index.ts'
import { storeFile } from '../../platform/files/service.ts'
import type { UploadedFile } from '../../platform/files/uploads.ts'
import { assertMayChangeBody, assertMayChangeSomeBody, mayChangeBody } from '../bodies/index.ts'
import { fileSizeText, quoracy } from './model.ts'
import * as lookups from '../../directory/lookups.ts'
import * as repo from './repository.ts'
import type { AgendaItemInput, AttendanceInput, DecisionInput, MeetingFilters, MeetingInput, RecommendationInput } from './schema.ts'

/** What the change form says about the item's uploaded paper: a new file replaces it, or the checkbox takes it off. */
export interface PaperChange {
  upload: UploadedFile | null
  remove: boolean
}

/** The form field a refused file's message is shown by. */
const paperField = 'paper'

export function meetingService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string) {
    const meeting = await repo.findMeeting(trx, actor.partnershipId, id)
    if (!meeting) throw new NotFoundError('The meeting')
    return meeting
  }

  async function loadItem(trx: Trx, actor: Actor, id: string) {
    const item = await repo.findItem(trx, actor.partnershipId, id)
    if (!item) throw new NotFoundError('The agenda item')
    const meeting = await load(trx, actor, item.meeting_id)
    await assertMayChangeBody(trx, actor, meeting.body_id)
    return { item, meeting }
  }

  async function assertBody(trx: Trx, actor: Actor, bodyId: string) {
    const body = await lookups.findBody(trx, actor.partnershipId, bodyId)
    if (!body || body.archived_at) throw new ValidationError({ bodyId: 'Select the body that is meeting' })
    await assertMayChangeBody(trx, actor, bodyId)
    return body
  }

  async function assertPerson(trx: Trx, actor: Actor, id: string | null, field: string) {
    if (id && !(await lookups.findPersonLabel(trx, actor.partnershipId, id))) throw new ValidationError({ [field]: 'Select a person from the list' })
  }

  /** An item's uploaded paper with its size as people read it, for the change form. */
  async function paperOf(trx: Trx, actor: Actor, fileId: string | null) {
    const paper = await repo.findPaper(trx, actor.partnershipId, fileId)
    return paper && { ...paper, size: fileSizeText(paper.size_bytes) }
  }

  const describe = (m: { bodyName: string; starts_at: Date }) => `${m.bodyName} meeting on ${formatUkDateTime(m.starts_at)}`

  return {
    async list(actor: Actor, filters: MeetingFilters, now = new Date()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.listMeetings(trx, actor.partnershipId, filters, now))
    },

    async bodies(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => lookups.bodyOptions(trx, actor.partnershipId))
    },

    async people(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => lookups.peopleOptions(trx, actor.partnershipId))
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    /** Refuses someone who can change no body at all, before the form naming the body is read. */
    async assertMayChangeSome(actor: Actor) {
      assertCan(actor, 'partnership.read')
      await inPartnership(db, actor.partnershipId, (trx) => assertMayChangeSomeBody(trx, actor))
    },

    /** The meeting, once the actor is known to be allowed to change it: checked before its forms are read. */
    async getForChange(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const meeting = await load(trx, actor, id)
        await assertMayChangeBody(trx, actor, meeting.body_id)
        return meeting
      })
    },

    /** The item and its meeting, once the actor may change them, with the uploaded paper the change form offers to keep or remove. */
    async getItemForChange(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const found = await loadItem(trx, actor, id)
        return { ...found, paper: await paperOf(trx, actor, found.item.file_id) }
      })
    },

    async getRecommendationForChange(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const recommendation = await repo.findRecommendation(trx, actor.partnershipId, id)
        if (!recommendation) throw new NotFoundError('The recommendation')
        return { recommendation, ...(await loadItem(trx, actor, recommendation.agenda_item_id)) }
      })
    },

    async canChange(actor: Actor, bodyId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => mayChangeBody(trx, actor, bodyId))
    },

    /** The meeting page: the meeting, its agenda with recommendations, attendance, quoracy and actions. */
    async page(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const meeting = await load(trx, actor, id)
        const detail = await repo.loadMeetingDetail(trx, actor.partnershipId, meeting)
        const meetingDay = londonToday(meeting.starts_at)
        const members = await repo.currentMembers(trx, actor.partnershipId, meeting.body_id, meetingDay)
        const people = await lookups.peopleOptions(trx, actor.partnershipId)
        const canEdit = await mayChangeBody(trx, actor, meeting.body_id)
        const byItem = new Map<string, repo.Recommendation[]>()
        for (const r of detail.recommendations) byItem.set(r.agenda_item_id, [...(byItem.get(r.agenda_item_id) ?? []), r])
        const items = detail.items.map((item) => ({
          ...item,
          paperSize: item.paperBytes === null ? null : fileSizeText(item.paperBytes),
          recommendations: byItem.get(item.id) ?? [],
        }))
        return {
          meeting,
          items,
          attendance: detail.attendance,
          actions: detail.actions,
          quorum: detail.quorum,
          quoracy: quoracy(
            detail.attendance.map((a) => a.status),
            detail.quorum,
          ),
          members,
          // Members are offered first on the attendance form; everyone else after, once each.
          people: people.filter((p) => !members.some((m) => m.id === p.id)),
          canEdit,
        }
      })
    },

    async create(actor: Actor, input: MeetingInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await assertBody(trx, actor, input.bodyId)
        const created = await repo.insertMeeting(trx, actor.partnershipId, input)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'meeting',
          entityId: created.id,
          summary: `Scheduled ${describe({ bodyName: body.name, starts_at: created.starts_at })}`,
          after: created,
        })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: MeetingInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        await assertMayChangeBody(trx, actor, before.body_id)
        if (input.bodyId !== before.body_id) throw new ValidationError({ bodyId: 'A meeting cannot move to another body: cancel it and schedule a new one' })
        const after = await repo.updateMeeting(trx, actor.partnershipId, id, version, {
          starts_at: input.startsAt,
          location: input.location,
          notes: input.notes,
          status: input.status,
        })
        if (!after) throw new ConflictError('The meeting')
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'meeting',
          entityId: id,
          summary: `Changed ${describe({ ...after, bodyName: before.bodyName })}`,
          before,
          after,
        })
        return after
      })
    },

    async cancel(actor: Actor, id: string, version: number) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        await assertMayChangeBody(trx, actor, before.body_id)
        if (before.status === 'cancelled') throw new ConflictError('The meeting')
        const after = await repo.updateMeeting(trx, actor.partnershipId, id, version, { status: 'cancelled' })
        if (!after) throw new ConflictError('The meeting')
        await recordAudit(trx, actor, { action: 'update', entityType: 'meeting', entityId: id, summary: `Cancelled ${describe(before)}`, before, after })
        return after
      })
    },

    async getItem(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const item = await repo.findItem(trx, actor.partnershipId, id)
        if (!item) throw new NotFoundError('The agenda item')
        return { item, meeting: await load(trx, actor, item.meeting_id), paper: await paperOf(trx, actor, item.file_id) }
      })
    },

    /** Adds an item to the end of the agenda; an uploaded paper is stored in the same transaction, so a refused item keeps no file. */
    async addItem(actor: Actor, meetingId: string, input: AgendaItemInput, upload: UploadedFile | null = null) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const meeting = await load(trx, actor, meetingId)
        await assertMayChangeBody(trx, actor, meeting.body_id)
        await assertPerson(trx, actor, input.presenterId, 'presenterId')
        const file = upload ? await storeFile(trx, actor, upload, paperField) : null
        const item = await repo.insertItem(trx, actor.partnershipId, meetingId, input, file?.id ?? null)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'agenda-item',
          entityId: item.id,
          summary: `Added ‘${item.title}’ to the ${describe(meeting)}`,
          after: item,
        })
        return item
      })
    },

    /**
     * Changes an item. Its uploaded paper is kept unless a new file replaces it or
     * the writer asks for it to be removed; the stored file itself stays, for the record.
     */
    async updateItem(actor: Actor, id: string, version: number, input: AgendaItemInput, paper: PaperChange = { upload: null, remove: false }) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const { item: before } = await loadItem(trx, actor, id)
        await assertPerson(trx, actor, input.presenterId, 'presenterId')
        const file = paper.upload ? await storeFile(trx, actor, paper.upload, paperField) : null
        const fileId = file ? file.id : paper.remove ? null : before.file_id
        const after = await repo.updateItem(trx, actor.partnershipId, id, version, {
          title: input.title,
          presenter_id: input.presenterId,
          purpose: input.purpose,
          report: input.report,
          file_id: fileId,
        })
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'agenda-item',
          entityId: id,
          summary: `Changed agenda item ‘${after.title}’`,
          before,
          after,
        })
        return after
      })
    },

    /** Swaps an item with its neighbour: positions stay 1, 2, 3… whatever order items were added or removed in. */
    async moveItem(actor: Actor, id: string, direction: 'up' | 'down') {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const { item, meeting } = await loadItem(trx, actor, id)
        const items = await repo.itemsOfMeeting(trx, actor.partnershipId, meeting.id)
        const index = items.findIndex((i) => i.id === item.id)
        const target = direction === 'up' ? index - 1 : index + 1
        if (target < 0 || target >= items.length) return item
        const order = [...items]
        ;[order[index], order[target]] = [order[target]!, order[index]!]
        for (const [i, row] of order.entries()) if (row.position !== i + 1) await repo.setPosition(trx, actor.partnershipId, row.id, i + 1)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'agenda-item',
          entityId: id,
          summary: `Moved ‘${item.title}’ ${direction} the agenda of the ${describe(meeting)}`,
          before: { position: item.position },
          after: { position: target + 1 },
        })
        return item
      })
    },

    async removeItem(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const { item, meeting } = await loadItem(trx, actor, id)
        const dependants = await repo.itemDependants(trx, actor.partnershipId, id)
        // The record of a decision (or an action arising) must not vanish with its item.
        if (dependants.decided > 0) throw new ValidationError({ item: `‘${item.title}’ has decisions recorded, so it stays on the agenda` })
        if (dependants.actions > 0) throw new ValidationError({ item: `‘${item.title}’ has actions arising from it, so it stays on the agenda` })
        await repo.deleteItem(trx, actor.partnershipId, id)
        const rest = await repo.itemsOfMeeting(trx, actor.partnershipId, meeting.id)
        for (const [i, row] of rest.entries()) if (row.position !== i + 1) await repo.setPosition(trx, actor.partnershipId, row.id, i + 1)
        await recordAudit(trx, actor, {
          action: 'delete',
          entityType: 'agenda-item',
          entityId: id,
          summary: `Removed ‘${item.title}’ from the ${describe(meeting)}`,
          before: item,
        })
        return meeting
      })
    },

    async addRecommendation(actor: Actor, itemId: string, input: RecommendationInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const { item, meeting } = await loadItem(trx, actor, itemId)
        const created = await repo.insertRecommendation(trx, actor.partnershipId, itemId, input)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'recommendation',
          entityId: created.id,
          summary: `Added recommendation ${created.label} to ‘${item.title}’`,
          after: created,
        })
        return { recommendation: created, meeting }
      })
    },

    async decide(actor: Actor, recommendationId: string, version: number, input: DecisionInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await repo.findRecommendation(trx, actor.partnershipId, recommendationId)
        if (!before) throw new NotFoundError('The recommendation')
        const { item, meeting } = await loadItem(trx, actor, before.agenda_item_id)
        const after = await repo.recordDecision(trx, actor.partnershipId, recommendationId, version, input)
        if (!after) throw new ConflictError(`Recommendation ${before.label}`)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'recommendation',
          entityId: after.id,
          summary: `Recorded the decision on ${after.label} of ‘${item.title}’: ${input.decision}`,
          before,
          after,
        })
        return { recommendation: after, meeting }
      })
    },

    async recordAttendance(actor: Actor, meetingId: string, input: AttendanceInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const meeting = await load(trx, actor, meetingId)
        await assertMayChangeBody(trx, actor, meeting.body_id)
        await assertPerson(trx, actor, input.personId, 'personId')
        await assertPerson(trx, actor, input.substituteForId, 'substituteForId')
        const row = await repo.upsertAttendance(trx, actor.partnershipId, meetingId, input)
        const who = await lookups.findPersonLabel(trx, actor.partnershipId, input.personId)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'meeting',
          entityId: meetingId,
          summary: `Recorded ${who} as ${input.status} at the ${describe(meeting)}`,
          after: row,
        })
        return row
      })
    },

    async removeAttendance(actor: Actor, meetingId: string, personId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const meeting = await load(trx, actor, meetingId)
        await assertMayChangeBody(trx, actor, meeting.body_id)
        const removed = await repo.deleteAttendance(trx, actor.partnershipId, meetingId, personId)
        if (!removed) throw new NotFoundError('The attendance record')
        const who = await lookups.findPersonLabel(trx, actor.partnershipId, personId)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'meeting',
          entityId: meetingId,
          summary: `Removed ${who} from the attendance of the ${describe(meeting)}`,
          before: removed,
        })
      })
    },
  }
}

export type MeetingService = ReturnType<typeof meetingService>
