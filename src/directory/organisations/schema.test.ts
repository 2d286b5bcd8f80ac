import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { organisationFilters, organisationForm } from './schema.ts'

const valid = { name: 'Oldham Council', sector: 'local-authority', isStatutory: 'yes', website: 'https://www.oldham.gov.uk', description: '' }

/** The message per field, as parseForm would show them. */
function messages(input: Record<string, unknown>): Record<string, string> {
  const result = organisationForm.safeParse(input)
  if (result.success) return {}
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) fields[String(issue.path[0])] ??= issue.message
  return fields
}

describe('organisation form', () => {
  test('a complete form gives the values to save, with yes/no as a boolean', () => {
    assert.deepEqual(organisationForm.parse({ ...valid, name: '  Oldham Council  ', isStatutory: 'no' }), {
      name: 'Oldham Council',
      sector: 'local-authority',
      isStatutory: false,
      website: 'https://www.oldham.gov.uk',
      description: '',
    })
  })

  test('a missing or blank name asks for the name', () => {
    assert.deepEqual(messages({ ...valid, name: undefined }), { name: 'Enter the organisation’s name' })
    assert.deepEqual(messages({ ...valid, name: '   ' }), { name: 'Enter the organisation’s name' })
  })

  test('a name over 200 characters is refused', () => {
    assert.deepEqual(messages({ ...valid, name: 'x'.repeat(201) }), { name: 'Name must be 200 characters or fewer' })
  })

  test('a website that is not an http(s) address is refused with an example', () => {
    const message = 'Enter a website address in the correct format, like https://www.oldham.gov.uk'
    for (const website of ['www.oldham.gov.uk', 'javascript:alert(1)', 'https://', 'ftp://files.oldham.gov.uk']) {
      assert.deepEqual(messages({ ...valid, website }), { website: message }, website)
    }
  })

  test('a blank or missing website is recorded as none', () => {
    assert.equal(organisationForm.parse({ ...valid, website: '  ' }).website, null)
    assert.equal(organisationForm.parse({ ...valid, website: undefined }).website, null)
  })

  test('an unknown or missing sector asks for one from the list', () => {
    assert.deepEqual(messages({ ...valid, sector: 'council' }), { sector: 'Select the sector the organisation belongs to' })
    assert.deepEqual(messages({ ...valid, sector: undefined }), { sector: 'Select the sector the organisation belongs to' })
  })

  test('statutory must be answered yes or no', () => {
    assert.deepEqual(messages({ ...valid, isStatutory: undefined }), { isStatutory: 'Select whether the organisation is a statutory partner' })
    assert.deepEqual(messages({ ...valid, isStatutory: 'maybe' }), { isStatutory: 'Select whether the organisation is a statutory partner' })
  })

  test('an empty form gets one message for each required field and none for the optional ones', () => {
    assert.deepEqual(Object.keys(messages({})), ['name', 'sector', 'isStatutory'])
  })
})

describe('organisation filters', () => {
  test('unknown values fall back to showing current organisations rather than failing', () => {
    assert.deepEqual(organisationFilters.parse({ sector: 'council', statutory: 'perhaps', status: 'gone' }), {
      sector: undefined,
      statutory: undefined,
      status: 'active',
    })
  })
})
