import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { peopleFilters, personForm } from './schema.ts'

const organisationId = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f'

function messages(input: Record<string, unknown>): Record<string, string> {
  const result = personForm.safeParse(input)
  if (result.success) return {}
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) fields[String(issue.path[0])] ??= issue.message
  return fields
}

describe('person form', () => {
  test('a person may be recorded by name alone', () => {
    assert.deepEqual(personForm.parse({ name: 'Gerard Jones', roleTitle: '', jobTitle: '', organisationId: '', email: '' }), {
      name: 'Gerard Jones',
      roleTitle: null,
      jobTitle: null,
      organisationId: null,
      email: null,
    })
  })

  test('a person may be recorded by role alone', () => {
    const parsed = personForm.parse({ name: ' ', roleTitle: 'Cabinet Member for Children’s Services' })
    assert.equal(parsed.name, null)
    assert.equal(parsed.roleTitle, 'Cabinet Member for Children’s Services')
  })

  test('with neither a name nor a role title, the name field asks for one of them', () => {
    assert.deepEqual(messages({ name: '', roleTitle: '   ', jobTitle: 'Director' }), { name: 'Enter a name or a role title' })
    assert.deepEqual(messages({}), { name: 'Enter a name or a role title' })
  })

  test('the name-or-role message still appears beside other mistakes', () => {
    assert.deepEqual(messages({ name: '', roleTitle: '', email: 'not an address' }), {
      email: 'Enter an email address in the correct format, like name@example.org',
      name: 'Enter a name or a role title',
    })
  })

  test('blank and whitespace-only strings become null, and text is trimmed', () => {
    assert.deepEqual(personForm.parse({ name: '  Ann Smith ', roleTitle: '\t', jobTitle: ' ', organisationId: '', email: '  ' }), {
      name: 'Ann Smith',
      roleTitle: null,
      jobTitle: null,
      organisationId: null,
      email: null,
    })
  })

  test('an email address is trimmed and lower-cased, as the database requires', () => {
    assert.equal(personForm.parse({ name: 'A', email: ' Ann.Smith@Oldham.GOV.uk ' }).email, 'ann.smith@oldham.gov.uk')
  })

  test('an email address in the wrong format is refused', () => {
    for (const email of ['ann', 'ann@', '@oldham.gov.uk', 'ann smith@oldham.gov.uk', 'ann@oldham']) {
      assert.deepEqual(messages({ name: 'A', email }), { email: 'Enter an email address in the correct format, like name@example.org' }, email)
    }
  })

  test('an organisation that is not an id from the list is refused', () => {
    assert.deepEqual(messages({ name: 'A', organisationId: 'Oldham Council' }), { organisationId: 'Select an organisation from the list' })
    assert.equal(personForm.parse({ name: 'A', organisationId }).organisationId, organisationId)
  })

  test('text over 200 characters is refused with the field’s name', () => {
    assert.deepEqual(messages({ name: 'A', jobTitle: 'x'.repeat(201) }), { jobTitle: 'Job title must be 200 characters or fewer' })
  })
})

describe('people filters', () => {
  test('a malformed organisation or status is ignored rather than failing the page', () => {
    assert.deepEqual(peopleFilters.parse({ q: ' smith ', organisation: 'abc', status: 'gone' }), { q: 'smith', organisation: undefined, status: 'active' })
    assert.deepEqual(peopleFilters.parse({ organisation: organisationId, status: 'all' }), { organisation: organisationId, status: 'all' })
  })
})
