import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { compareWithBenchmark } from './benchmark-comparison.ts'
import { compareByQuintile, quintileBounds } from './quintile-comparison.ts'
import { compareAtTwoLevels } from './two-level-comparison.ts'

describe('comparison with a benchmark at one level (Fingertips method 1)', () => {
  const area = { value: 20, lower: 18, upper: 22 }

  test('benchmark inside the interval, bounds included: similar whatever the polarity', () => {
    for (const benchmark of [18, 20, 22]) assert.equal(compareWithBenchmark(area, benchmark, 'high-is-good'), 'similar')
  })

  test('outside: polarity turns higher/lower into better/worse', () => {
    assert.equal(compareWithBenchmark(area, 15, 'high-is-good'), 'better')
    assert.equal(compareWithBenchmark(area, 15, 'low-is-good'), 'worse')
    assert.equal(compareWithBenchmark(area, 25, 'high-is-good'), 'worse')
    assert.equal(compareWithBenchmark(area, 25, 'low-is-good'), 'better')
    assert.equal(compareWithBenchmark(area, 15, 'no-judgement'), 'higher')
    assert.equal(compareWithBenchmark(area, 25, 'no-judgement'), 'lower')
  })

  test('a missing value, limit or benchmark is not compared', () => {
    assert.equal(compareWithBenchmark({ ...area, lower: null }, 15, 'high-is-good'), 'not-compared')
    assert.equal(compareWithBenchmark({ ...area, value: null }, 15, 'high-is-good'), 'not-compared')
    assert.equal(compareWithBenchmark(area, null, 'high-is-good'), 'not-compared')
  })
})

describe('comparison at 95% and 99.8% (Fingertips method 17)', () => {
  // The cases of fingertips-open's SingleOverlappingCIsForTwoCILevelsComparerTest.
  const area = { value: 2.6, lower998: 2.3, lower95: 2.5, upper95: 2.7, upper998: 2.9 }
  const cases: [number, string, string, string][] = [
    [3.0, 'worst', 'best', 'lowest'],
    [2.8, 'worse', 'better', 'lower'],
    [2.6, 'similar', 'similar', 'similar'],
    [2.4, 'better', 'worse', 'higher'],
    [2.2, 'best', 'worst', 'highest'],
  ]

  test('benchmark beyond 99.8%, between the levels and inside 95%, for each polarity', () => {
    for (const [benchmark, highIsGood, lowIsGood, noJudgement] of cases) {
      assert.equal(compareAtTwoLevels(area, benchmark, 'high-is-good'), highIsGood, `benchmark ${benchmark}, high is good`)
      assert.equal(compareAtTwoLevels(area, benchmark, 'low-is-good'), lowIsGood, `benchmark ${benchmark}, low is good`)
      assert.equal(compareAtTwoLevels(area, benchmark, 'no-judgement'), noJudgement, `benchmark ${benchmark}, no judgement`)
    }
  })

  test('the bounds belong to the inner band', () => {
    assert.equal(compareAtTwoLevels(area, 2.5, 'high-is-good'), 'similar')
    assert.equal(compareAtTwoLevels(area, 2.3, 'high-is-good'), 'better')
  })

  test('any missing limit: not compared', () => {
    assert.equal(compareAtTwoLevels({ ...area, upper998: null }, 2.0, 'high-is-good'), 'not-compared')
  })
})

describe('quintile comparison (Fingertips "Quintiles")', () => {
  test('bounds by Excel PERCENTILE.INC, as fingertips-open QuintilesCalculatorTest (1…50)', () => {
    const values = Array.from({ length: 50 }, (_, i) => i + 1)
    assert.deepEqual(quintileBounds(values), [1, 10.8, 20.6, 30.4, 40.2, 50])
    assert.equal(quintileBounds([1, 2, 3, 4]), null)
  })

  test('the first band whose upper bound reaches the value; polarity names it', () => {
    const group = Array.from({ length: 50 }, (_, i) => i + 1)
    assert.deepEqual(compareByQuintile(1, group, 'high-is-good'), { quintile: 1, comparison: 'worst' })
    assert.deepEqual(compareByQuintile(10.8, group, 'high-is-good'), { quintile: 1, comparison: 'worst' })
    assert.deepEqual(compareByQuintile(11, group, 'high-is-good'), { quintile: 2, comparison: 'worse' })
    assert.deepEqual(compareByQuintile(25, group, 'low-is-good'), { quintile: 3, comparison: 'middle' })
    assert.deepEqual(compareByQuintile(35, group, 'low-is-good'), { quintile: 4, comparison: 'worse' })
    assert.deepEqual(compareByQuintile(50, group, 'low-is-good'), { quintile: 5, comparison: 'worst' })
    assert.deepEqual(compareByQuintile(50, group, 'high-is-good'), { quintile: 5, comparison: 'best' })
    assert.deepEqual(compareByQuintile(50, group, 'no-judgement'), { quintile: 5, comparison: 'highest' })
    assert.deepEqual(compareByQuintile(1, group, 'no-judgement'), { quintile: 1, comparison: 'lowest' })
  })

  test('fewer than five values, a missing value or one outside the group: not compared', () => {
    assert.deepEqual(compareByQuintile(2, [1, 2, 3, 4], 'high-is-good'), { quintile: null, comparison: 'not-compared' })
    assert.deepEqual(compareByQuintile(null, [1, 2, 3, 4, 5], 'high-is-good'), { quintile: null, comparison: 'not-compared' })
    assert.deepEqual(compareByQuintile(6, [1, 2, 3, 4, 5], 'high-is-good'), { quintile: null, comparison: 'not-compared' })
  })
})
