import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { figureProblems, isSmallNumber, shownFigures, type StoredFigures } from './model.ts'

const none: StoredFigures = { count: null, denominator: null, value: null, lower95: null, upper95: null, lower998: null, upper998: null }
const percentage = { valueType: 'proportion', multiplier: 100 } as const
const close = (actual: number | null, expected: number, digits = 6) =>
  assert.ok(actual != null && Math.abs(actual - expected) < 10 ** -digits, `${actual} ≠ ${expected}`)

describe('the figures a value shows', () => {
  test('a count and denominator alone give the value and Wilson limits at 95% and 99.8%, marked as computed', () => {
    // 65 of 100 as a percentage: PHEindicatormethods testdata_Prop, Area4.
    const shown = shownFigures(percentage, { ...none, count: 65, denominator: 100 })
    close(shown.value, 65)
    close(shown.lower95, 55.25444329688797)
    close(shown.upper95, 73.635751756902465)
    close(shown.lower998, 49.549465740704314)
    close(shown.upper998, 77.835406140896964)
    assert.deepEqual(shown.computed, { value: true, limits95: true, limits998: true })
  })

  test('a crude rate gets exact Poisson limits below 10 events', () => {
    const shown = shownFigures({ valueType: 'crude-rate', multiplier: 100000 }, { ...none, count: 3, denominator: 50000 })
    close(shown.value, 6)
    // Exact Poisson 95% limits of 3 events: 0.618672 to 8.767273, per 50,000 × 100,000.
    close(shown.lower95, 1.237344, 5)
    close(shown.upper95, 17.534546, 5)
  })

  test('published limits are shown as published, and computed ones never sit beside a published value they do not fit', () => {
    const published = shownFigures(percentage, { ...none, count: 65, denominator: 100, value: 65, lower95: 55, upper95: 74 })
    assert.equal(published.lower95, 55)
    assert.equal(published.computed.limits95, false)
    assert.equal(published.computed.limits998, true, 'the 99.8% limits are still computed from the same count')
    const rounded = shownFigures(percentage, { ...none, count: 65, denominator: 100, value: 64.9 })
    assert.equal(rounded.lower95, null)
  })

  test('a standardised rate, a mean or a value alone has no limits to compute', () => {
    assert.equal(shownFigures({ valueType: 'directly-standardised-rate', multiplier: 100000 }, { ...none, count: 30, denominator: 90000 }).lower95, null)
    assert.equal(shownFigures(percentage, { ...none, value: 21.5 }).lower95, null)
  })
})

describe('small numbers and mistakes', () => {
  test('counts from 1 to below the threshold are held back on public pages; none and zero are not', () => {
    assert.equal(isSmallNumber(3, 5), true)
    assert.equal(isSmallNumber(5, 5), false)
    assert.equal(isSmallNumber(0, 5), false)
    assert.equal(isSmallNumber(null, 5), false)
    assert.equal(isSmallNumber(3, 0), false)
  })

  test('impossible figures are named by their field', () => {
    assert.ok(figureProblems(percentage, none).value)
    assert.match(figureProblems(percentage, { ...none, count: 120, denominator: 100 }).count!, /more than the denominator/)
    assert.match(figureProblems(percentage, { ...none, count: 12 }).denominator!, /both the count and the denominator/)
    assert.match(figureProblems(percentage, { ...none, value: 20, lower95: 10 }).lower95!, /both 95% limits/)
    assert.match(figureProblems(percentage, { ...none, value: 20, lower95: 30, upper95: 10 }).lower95!, /must not be above/)
    assert.match(figureProblems(percentage, { ...none, value: 40, lower95: 10, upper95: 30 }).lower95!, /within its 95% limits/)
    assert.deepEqual(figureProblems({ valueType: 'crude-rate', multiplier: 1000 }, { ...none, count: 120, denominator: 100 }), {})
  })
})
