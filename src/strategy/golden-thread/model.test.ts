import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  bodiesBehind,
  outcomeGaps,
  prioritiesOf,
  servedOutcomes,
  strandOf,
  undeliveredCommitments,
  type ThreadObjective,
  type ThreadWorkstream,
} from './model.ts'

const objective = (over: Partial<ThreadObjective>): ThreadObjective => ({
  id: 'obj',
  outcomeId: 'safe',
  status: 'on-track',
  leadBodyId: null,
  leadBodyName: null,
  planId: 'plan',
  planTitle: 'Children and Young People Strategy action plan',
  planLeadBodyId: null,
  planLeadBodyName: null,
  number: '1.1',
  ...over,
})
const workstream = (over: Partial<ThreadWorkstream>): ThreadWorkstream => ({
  id: 'ws',
  outcomeId: 'safe',
  title: 'Safeguarding & Child Protection',
  kind: 'service',
  bodyId: 'cin',
  bodyName: 'Children in Need Delivery Partnership',
  ...over,
})
const gm = { frameworkId: 'gm', frameworkTitle: 'GM Children’s Plan' }

describe('an outcome’s gaps', () => {
  test('each missing link is a gap, the objective first', () => {
    assert.deepEqual(outcomeGaps({ commitments: 0, priorities: 0, objectives: 0, workstreams: 0, indicators: 0 }, true), [
      'No objective serves this outcome',
      'No workstream contributes to this outcome',
      'No commitment serves this outcome',
      'It is not aligned to any regional or national priority',
      'No indicator measures this outcome',
    ])
    assert.deepEqual(outcomeGaps({ commitments: 2, priorities: 1, objectives: 0, workstreams: 3, indicators: 1 }, true), ['No objective serves this outcome'])
    assert.deepEqual(outcomeGaps({ commitments: 1, priorities: 1, objectives: 1, workstreams: 1, indicators: 1 }, true), [])
  })

  test('an outcome the framework in force dropped has none: it is no longer aimed at', () => {
    assert.deepEqual(outcomeGaps({ commitments: 0, priorities: 0, objectives: 0, workstreams: 0, indicators: 0 }, false), [])
  })
})

describe('the priorities an outcome aligns to', () => {
  const commitments = [
    { id: 'c7', position: 7, text: 'Every Oldham child will be offered the necessary protection', outcomeIds: ['safe'] },
    { id: 'c2', position: 2, text: 'Every Oldham child will start school ready to learn', outcomeIds: ['safe'] },
  ]

  test('says whether each comes from the outcome itself, its commitments or both, in priority order', () => {
    const links = prioritiesOf(
      [{ ...gm, priorityId: 'p5', priorityTitle: 'Safe and Secure', position: 5 }],
      [
        { ...gm, priorityId: 'p5', priorityTitle: 'Safe and Secure', position: 5, commitmentId: 'c7' },
        { ...gm, priorityId: 'p1', priorityTitle: 'School Readiness', position: 1, commitmentId: 'c7' },
        { ...gm, priorityId: 'p1', priorityTitle: 'School Readiness', position: 1, commitmentId: 'c2' },
      ],
      commitments,
    )
    assert.deepEqual(
      links.map((l) => [l.priorityTitle, l.direct, l.viaCommitments.map((c) => c.position)]),
      [
        ['School Readiness', false, [2, 7]],
        ['Safe and Secure', true, [7]],
      ],
    )
  })

  test('an alignment of a commitment that does not serve the outcome is left out', () => {
    assert.deepEqual(
      prioritiesOf([], [{ ...gm, priorityId: 'p1', priorityTitle: 'School Readiness', position: 1, commitmentId: 'elsewhere' }], commitments),
      [],
    )
  })
})

describe('the bodies behind an outcome', () => {
  test('lead bodies of objectives and plans and the bodies of workstreams, each once, saying how', () => {
    const bodies = bodiesBehind(
      [
        objective({
          leadBodyId: 'icg',
          leadBodyName: 'Integrated Commissioning Group',
          planLeadBodyId: 'board',
          planLeadBodyName: 'Changing for Children Board',
          planTitle: 'Delivery Plan',
          number: '3.1',
        }),
        objective({
          id: 'obj2',
          leadBodyId: 'icg',
          leadBodyName: 'Integrated Commissioning Group',
          planLeadBodyId: 'board',
          planLeadBodyName: 'Changing for Children Board',
          planTitle: 'Delivery Plan',
          number: '3.2',
        }),
      ],
      [workstream({ bodyId: 'icg', bodyName: 'Integrated Commissioning Group', title: 'Commissioning Framework', kind: 'strategy' })],
    )
    assert.deepEqual(bodies, [
      { id: 'board', name: 'Changing for Children Board', roles: ['Leads the plan ‘Delivery Plan’'] },
      {
        id: 'icg',
        name: 'Integrated Commissioning Group',
        roles: ['Leads objective 3.1 of ‘Delivery Plan’', 'Leads objective 3.2 of ‘Delivery Plan’', 'Runs the strategy ‘Commissioning Framework’'],
      },
    ])
  })
})

describe('commitments nothing delivers', () => {
  test('one serving no outcome, and one whose outcomes nothing serves; a dropped objective serves nothing', () => {
    const served = servedOutcomes(
      [objective({ outcomeId: 'healthy', status: 'dropped' }), objective({ outcomeId: 'school' })],
      [workstream({ outcomeId: 'safe' })],
    )
    assert.deepEqual([...served].sort(), ['safe', 'school'])
    const undelivered = undeliveredCommitments(
      [
        { id: 'c1', position: 1, text: 'Best start in life', outcomeIds: [] },
        { id: 'c6', position: 6, text: 'Good mental wellbeing', outcomeIds: ['healthy'] },
        { id: 'c7', position: 7, text: 'Protection and support', outcomeIds: ['healthy', 'safe'] },
      ],
      served,
    )
    assert.deepEqual(
      undelivered.map((c) => [c.position, c.reason]),
      [
        [1, 'It serves no outcome'],
        [6, 'No objective or workstream serves the outcomes it serves'],
      ],
    )
  })
})

describe('one outcome’s strand of the thread', () => {
  test('counts what serves it, leaving out dropped objectives and other outcomes’ links', () => {
    const strand = strandOf('safe', {
      commitments: [
        { id: 'c7', position: 7, text: 'Protection', outcomeIds: ['safe'] },
        { id: 'c2', position: 2, text: 'School ready', outcomeIds: ['school'] },
      ],
      outcomeAlignments: [
        { ...gm, priorityId: 'p5', priorityTitle: 'Safe and Secure', position: 5, outcomeId: 'safe' },
        { ...gm, priorityId: 'p1', priorityTitle: 'School Readiness', position: 1, outcomeId: 'school' },
      ],
      commitmentAlignments: [{ ...gm, priorityId: 'p2', priorityTitle: 'Youth Employment', position: 2, commitmentId: 'c2' }],
      objectives: [objective({ id: 'a' }), objective({ id: 'b', status: 'dropped' }), objective({ id: 'c', outcomeId: 'school' })],
      workstreams: [workstream({}), workstream({ id: 'ws2', outcomeId: 'school' })],
      indicators: [
        { outcomeId: 'safe', id: 'i1', title: 'Alcohol admissions, under 18s', targetLeadLabel: null },
        { outcomeId: 'school', id: 'i2', title: 'School readiness', targetLeadLabel: null },
      ],
    })
    assert.deepEqual(strand.counts, { commitments: 1, priorities: 1, objectives: 1, workstreams: 1, indicators: 1 })
    assert.deepEqual(
      strand.indicators.map((i) => i.id),
      ['i1'],
    )
    assert.deepEqual(
      strand.objectives.map((o) => o.id),
      ['a', 'b'],
      'a dropped objective is still listed',
    )
  })
})
