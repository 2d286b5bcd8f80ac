import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { allowedLinks, byBody, byKind, linkChanges, objectiveNumber, objectivesByPlan, unknownLinks } from './model.ts'

describe('grouping workstreams', () => {
  test('by kind: strategies, then services, then projects, leaving out kinds a body has none of', () => {
    const rows = [
      { title: 'AIM Project', kind: 'project' as const },
      { title: 'Permanence Strategy', kind: 'strategy' as const },
      { title: 'After Care Strategy', kind: 'strategy' as const },
    ]
    assert.deepEqual(
      byKind(rows).map((g) => [g.kind, g.rows.map((r) => r.title)]),
      [
        ['strategy', ['Permanence Strategy', 'After Care Strategy']],
        ['project', ['AIM Project']],
      ],
    )
  })

  test('by body, keeping the order the rows came in', () => {
    const rows = [
      { body_id: 'b1', bodyName: 'Children in Need Delivery Partnership', title: 'Domestic Violence' },
      { body_id: 'b1', bodyName: 'Children in Need Delivery Partnership', title: 'Messenger' },
      { body_id: 'b2', bodyName: 'Learning Delivery Partnership', title: 'Academies' },
    ]
    assert.deepEqual(
      byBody(rows).map((g) => [g.bodyName, g.rows.map((r) => r.title)]),
      [
        ['Children in Need Delivery Partnership', ['Domestic Violence', 'Messenger']],
        ['Learning Delivery Partnership', ['Academies']],
      ],
    )
  })
})

describe('links a form may make', () => {
  test('what is offered and what the record already had are allowed; anything else is not', () => {
    const allowed = allowedLinks(['o1', 'o2'], ['dropped'])
    assert.deepEqual(unknownLinks(['o1', 'dropped'], allowed), [])
    assert.deepEqual(unknownLinks(['o2', 'elsewhere'], allowed), ['elsewhere'])
  })

  test('only the difference is added and removed', () => {
    assert.deepEqual(linkChanges(['a', 'b'], ['b', 'c']), { add: ['c'], remove: ['a'] })
    assert.deepEqual(linkChanges([], []), { add: [], remove: [] })
    assert.deepEqual(linkChanges(['a'], ['a']), { add: [], remove: [] })
  })
})

describe('objectives as the form groups them', () => {
  const objective = (id: string, planId: string, aimNumber: number, position: number) => ({
    id,
    title: `Objective ${id}`,
    position,
    aimId: `${planId}-aim-${aimNumber}`,
    aimNumber,
    aimTitle: `Aim ${aimNumber}`,
    planId,
    planTitle: `Plan ${planId}`,
  })

  test('grouped by plan, then aim, in the order given', () => {
    const groups = objectivesByPlan([objective('x', 'p1', 1, 1), objective('y', 'p1', 1, 2), objective('z', 'p1', 2, 1), objective('w', 'p2', 1, 1)])
    assert.deepEqual(
      groups.map((p) => [p.planTitle, p.aims.map((a) => [a.aimNumber, a.objectives.map((o) => o.id)])]),
      [
        [
          'Plan p1',
          [
            [1, ['x', 'y']],
            [2, ['z']],
          ],
        ],
        ['Plan p2', [[1, ['w']]]],
      ],
    )
  })

  test('numbered as the plan prints them', () => {
    assert.equal(objectiveNumber({ aimNumber: 2, position: 3 }), '2.3')
  })
})
