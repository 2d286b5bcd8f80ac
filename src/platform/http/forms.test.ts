import { test } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'
import { errorView, parseForm } from './forms.ts'
import { ValidationError } from '../errors.ts'

const schema = z.object({
  name: z.string().trim().min(1, 'Enter a name'),
  age: z.coerce.number({ error: 'Enter an age' }).int('Age must be a whole number').min(0, 'Age must be 0 or more'),
})

test('parseForm returns the parsed values', () => {
  assert.deepEqual(parseForm(schema, { name: ' Ann ', age: '7' }), { name: 'Ann', age: 7 })
})

test('parseForm reports the first message for each field, in field order', () => {
  try {
    parseForm(schema, { name: '', age: '1.5' })
    assert.fail('expected a ValidationError')
  } catch (error) {
    assert.ok(error instanceof ValidationError)
    assert.deepEqual(error.fields, { name: 'Enter a name', age: 'Age must be a whole number' })
  }
})

test('errorView links each summary item to its field', () => {
  assert.deepEqual(errorView({ name: 'Enter a name' }), {
    list: [{ text: 'Enter a name', href: '#name' }],
    fields: { name: { text: 'Enter a name' } },
  })
})
