import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { allowedMultipliers, definitionProblems, frequencyOf, perText, type DefinitionChoices } from './model.ts'

const coherent: DefinitionChoices = {
  valueType: 'proportion',
  multiplier: 100,
  frequency: 'annual',
  periodType: 'academic-year',
  comparisonMethod: 'ci-95',
  polarity: 'low-is-good',
}

describe('how a value reads', () => {
  test('a percentage reads as %, a rate per its multiplier, anything else as it is', () => {
    assert.equal(perText('proportion', 100), '%')
    assert.equal(perText('proportion', 1), '')
    assert.equal(perText('crude-rate', 1000), 'per 1,000')
    assert.equal(perText('directly-standardised-rate', 100000), 'per 100,000')
    assert.equal(perText('mean', 1), '')
  })
})

describe('a coherent definition', () => {
  test('the Year 6 obesity definition has no problems', () => {
    assert.deepEqual(definitionProblems(coherent), {})
  })

  test('rates are per 1,000 or more; counts, means and scores are not multiplied', () => {
    assert.deepEqual(allowedMultipliers('crude-rate'), [1000, 10000, 100000])
    assert.deepEqual(allowedMultipliers('count'), [1])
    assert.match(definitionProblems({ ...coherent, valueType: 'crude-rate', multiplier: 100 }).multiplier!, /per 1,000 or per 10,000 or per 100,000/)
    assert.match(definitionProblems({ ...coherent, valueType: 'mean', multiplier: 100, comparisonMethod: 'none' }).multiplier!, /not multiplied/)
  })

  test('the frequency follows the period: quarters are quarterly, months monthly, years and rolling years annual', () => {
    assert.equal(frequencyOf('quarter'), 'quarterly')
    assert.equal(frequencyOf('month'), 'monthly')
    assert.equal(frequencyOf('rolling-3-years'), 'annual')
    assert.match(definitionProblems({ ...coherent, periodType: 'quarter' }).periodType!, /quarterly/)
    assert.deepEqual(definitionProblems({ ...coherent, periodType: 'quarter', frequency: 'quarterly' }), {})
  })

  test('a count is not benchmarked against other areas', () => {
    assert.ok(definitionProblems({ ...coherent, valueType: 'count', multiplier: 1 }).comparisonMethod)
    assert.deepEqual(definitionProblems({ ...coherent, valueType: 'count', multiplier: 1, comparisonMethod: 'none' }), {})
  })
})
