import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { groupBenchmark, ragFor, ragText, targetText } from './model.ts'
import { compareFigures, directionOf, trendOf } from './assessment.ts'

const valueTarget = (value: number, tolerance = 0) => ({ kind: 'value' as const, value, tolerance })

describe('RAG against a value', () => {
  test('high is good: at or above green, below within the tolerance amber, beyond it red', () => {
    assert.equal(ragFor(valueTarget(90, 2), 90, 'high-is-good').rag, 'green', 'meeting it exactly is met')
    assert.equal(ragFor(valueTarget(90, 2), 95, 'high-is-good').rag, 'green')
    assert.equal(ragFor(valueTarget(90, 2), 88, 'high-is-good').rag, 'amber', 'worse by exactly the tolerance is amber')
    assert.equal(ragFor(valueTarget(90, 2), 87.9, 'high-is-good').rag, 'red')
  })

  test('low is good: the same rules the other way round', () => {
    assert.equal(ragFor(valueTarget(20, 1.5), 20, 'low-is-good').rag, 'green')
    assert.equal(ragFor(valueTarget(20, 1.5), 12, 'low-is-good').rag, 'green')
    assert.equal(ragFor(valueTarget(20, 1.5), 21.5, 'low-is-good').rag, 'amber')
    assert.equal(ragFor(valueTarget(20, 1.5), 21.6, 'low-is-good').rag, 'red')
    assert.equal(ragFor(valueTarget(20, 0), 20.01, 'low-is-good').rag, 'red', 'no tolerance: any shortfall is red')
  })

  test('no target, no judgement or no value: no RAG, said in words', () => {
    assert.equal(ragText(ragFor(null, 10, 'high-is-good')), 'No target')
    assert.equal(ragText(ragFor(valueTarget(5), 10, 'no-judgement')), 'No RAG: neither direction is better')
    assert.equal(ragText(ragFor(valueTarget(5), null, 'high-is-good')), 'No RAG: no value for the period')
  })
})

describe('RAG against a group', () => {
  const england = {
    areaCode: 'E08000004',
    areas: ['E92000001'],
    values: new Map([
      ['E92000001', 20],
      ['E08000004', 18],
    ]),
  }
  const better = (tolerance = 0) => ({ kind: 'better-than-group' as const, value: null, tolerance })

  test('better than England: strictly better green, level or within the tolerance amber, beyond red; polarity decides better', () => {
    assert.equal(ragFor(better(), 18, 'low-is-good', england).rag, 'green')
    assert.equal(ragFor(better(), 18, 'high-is-good', england).rag, 'red')
    assert.equal(ragFor(better(2), 18, 'high-is-good', england).rag, 'amber')
    assert.equal(ragFor(better(), 20, 'high-is-good', england).rag, 'amber', 'level with England is not better')
    assert.equal(ragFor(better(), 22, 'high-is-good', england).against, 20)
  })

  test('a group of several areas stands for the median of its other areas', () => {
    const values = new Map([
      ['A', 1],
      ['B', 5],
      ['C', 9],
      ['D', 100],
      ['OWN', 4],
    ])
    assert.equal(groupBenchmark('OWN', ['A', 'B', 'C', 'OWN'], values), 5, 'the area itself is left out')
    assert.equal(groupBenchmark('OWN', ['A', 'B', 'C', 'D'], values), 7)
    assert.equal(groupBenchmark('OWN', ['E92000001'], values), null, 'no value for the single area')
    assert.equal(ragFor(better(), 4, 'high-is-good', { areaCode: 'OWN', areas: ['A', 'B', 'C'], values }).rag, 'red')
    assert.equal(ragFor(better(), 4, 'high-is-good', { areaCode: 'OWN', areas: ['X'], values }).why, 'no-group-value')
  })

  test('top quarter: best quarter green, second amber, below red; ties share the better place', () => {
    // Seven neighbours and the area: eight places, two per quarter.
    const areas = ['A', 'B', 'C', 'D', 'E', 'F', 'G']
    const values = new Map(areas.map((code, i) => [code, (i + 1) * 10]))
    const group = (own: number) => ({ areaCode: 'OWN', areas, values: new Map([...values, ['OWN', own]]) })
    const top = { kind: 'top-quartile-of-group' as const, value: null, tolerance: 5 }
    assert.deepEqual([ragFor(top, 65, 'high-is-good', group(65)).place, ragFor(top, 65, 'high-is-good', group(65)).of], [2, 8])
    assert.equal(ragFor(top, 65, 'high-is-good', group(65)).rag, 'green')
    assert.equal(ragFor(top, 55, 'high-is-good', group(55)).rag, 'amber', 'third of eight')
    assert.equal(ragFor(top, 60, 'high-is-good', group(60)).rag, 'green', 'level with the second best: shares second place')
    assert.equal(ragFor(top, 45, 'high-is-good', group(45)).rag, 'amber', 'fourth of eight')
    assert.equal(ragFor(top, 35, 'high-is-good', group(35)).rag, 'red', 'fifth of eight')
    assert.equal(ragFor(top, 15, 'low-is-good', group(15)).rag, 'green', 'low is good: second lowest is second best')
    assert.equal(ragFor(top, 75, 'low-is-good', group(75)).rag, 'red')
    assert.equal(ragFor(top, 5, 'high-is-good', { areaCode: 'OWN', areas: ['A', 'B'], values }).why, 'too-few-values')
  })

  test('targets in words follow polarity', () => {
    assert.equal(targetText('value', 'low-is-good', '20.0', null), 'At most 20.0')
    assert.equal(targetText('value', 'high-is-good', '90.0', null), 'At least 90.0')
    assert.equal(targetText('better-than-group', 'low-is-good', '', 'England'), 'Better than England')
  })
})

describe('what sits beside the RAG', () => {
  const shown = { value: 20, lower95: 18, upper95: 22, lower998: 17, upper998: 23 }
  const england = (value: number | null) => ({ name: 'England', value, groupValues: [] })

  test('the comparison follows the indicator’s method and polarity, in words', () => {
    assert.deepEqual(compareFigures('ci-95', 'low-is-good', shown, england(25)), { group: 'better', text: 'Better than England (95%)' })
    assert.deepEqual(compareFigures('ci-95', 'low-is-good', shown, england(21)), { group: 'similar', text: 'Similar to England' })
    assert.deepEqual(compareFigures('ci-99.8', 'high-is-good', shown, england(22.5)), { group: 'similar', text: 'Similar to England' })
    assert.deepEqual(compareFigures('two-level', 'high-is-good', shown, england(24)), { group: 'worse', text: 'Worse than England (99.8%)' })
    assert.deepEqual(compareFigures('two-level', 'high-is-good', shown, england(22.5)), { group: 'worse', text: 'Worse than England (95%)' })
    assert.deepEqual(compareFigures('ci-95', 'no-judgement', shown, england(10)), { group: 'higher-or-lower', text: 'Higher than England (95%)' })
    assert.equal(compareFigures('ci-95', 'low-is-good', shown, england(null)).text, 'Not compared: no value for England')
    assert.equal(compareFigures('none', 'low-is-good', shown, england(25)).group, 'not-compared')
    assert.deepEqual(compareFigures('quintiles', 'high-is-good', shown, { name: 'Greater Manchester', value: null, groupValues: [1, 2, 3, 4, 20] }), {
      group: 'better',
      text: 'Best fifth of Greater Manchester',
    })
  })

  const point = (startsOn: string, value: number) => ({ startsOn, count: value * 10, denominator: 1000, value, lower95: value - 0.2, upper95: value + 0.2 })
  const years = ['2018-04-01', '2019-04-01', '2020-04-01', '2021-04-01', '2022-04-01']

  test('the recent trend needs five periods in a row', () => {
    const rising = years.map((y, i) => point(y, 10 + i))
    const options = { periodType: 'financial-year' as const, valueType: 'proportion' as const, polarity: 'low-is-good' as const }
    assert.equal(trendOf(rising, options).text, 'Increasing and getting worse')
    assert.equal(trendOf(rising.slice(1), options).trend, 'cannot-be-calculated')
    const gap = [...rising.slice(0, 4), point('2023-04-01', 14)]
    assert.equal(trendOf(gap, options).trend, 'cannot-be-calculated', 'a missing year breaks the run')
    assert.equal(trendOf(rising, { ...options, upTo: '2021-04-01' }).trend, 'cannot-be-calculated', 'only periods up to the one assessed')
  })

  test('the direction of the last change at the published decimal places', () => {
    assert.equal(directionOf(10.2, 10.5, 'low-is-good', 1), 'better')
    assert.equal(directionOf(10.2, 10.5, 'high-is-good', 1), 'worse')
    assert.equal(directionOf(10.51, 10.54, 'high-is-good', 1), 'no-change')
    assert.equal(directionOf(10.8, 10.5, 'no-judgement', 1), 'higher')
    assert.equal(directionOf(10.8, null, 'high-is-good', 1), 'no-earlier-value')
  })
})
