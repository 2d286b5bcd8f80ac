import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { attachmentHeader, checkFile, maxFileBytes, sanitiseFilename, withoutControlCharacters } from './file-types.ts'

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')
const zipWith = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name), Buffer.from('rest')])
const odt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')])
const doc = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])

describe('checkFile', () => {
  test('accepts each allowed type when its bytes match its name, with our content type', () => {
    const cases: [string, Buffer, string][] = [
      ['Terms of reference.pdf', pdf, 'application/pdf'],
      ['ToR.docx', zipWith('word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['ToR.DOC', doc, 'application/msword'],
      ['ToR.odt', odt, 'application/vnd.oasis.opendocument.text'],
      ['notes.txt', Buffer.from('Quorum: four members, including the chair – agreed'), 'text/plain; charset=utf-8'],
      ['budget.xlsx', zipWith('xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]
    for (const [name, content, type] of cases) {
      const result = checkFile(name, content)
      // Extensions are stored in lower case, whatever the sender's system used.
      assert.deepEqual(result, { ok: true, filename: name.replace('.DOC', '.doc'), contentType: type }, name)
    }
  })

  test('refuses types that are not allowed, naming the ones that are', () => {
    for (const name of ['page.html', 'run.exe', 'picture.svg', 'no-extension']) {
      const result = checkFile(name, Buffer.from('hello'))
      assert.equal(result.ok, false, name)
      assert.match(!result.ok ? result.message : '', /must be a PDF, Word \(DOCX or DOC\)/)
    }
  })

  test('refuses a file whose contents do not match its name', () => {
    const cases: [string, Buffer][] = [
      ['fake.pdf', Buffer.from('<html><script>alert(1)</script></html>')],
      ['fake.docx', zipWith('xl/workbook.xml')],
      ['fake.xlsx', zipWith('word/document.xml')],
      ['fake.odt', zipWith('word/document.xml')],
      ['fake.doc', pdf],
      ['binary.txt', Buffer.from([0x4d, 0x5a, 0x90, 0x00])],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])],
    ]
    for (const [name, content] of cases) {
      const result = checkFile(name, content)
      assert.equal(result.ok, false, name)
      assert.match(!result.ok ? result.message : '', /contents do not match its name/, name)
    }
  })

  test('an empty file and a file cut off at the size limit are refused with their own messages', () => {
    assert.deepEqual(checkFile('empty.pdf', Buffer.alloc(0)), { ok: false, message: 'The selected file is empty' })
    assert.deepEqual(checkFile('big.pdf', pdf, true), { ok: false, message: 'The selected file must be smaller than 20 MB' })
    assert.equal(maxFileBytes, 20 * 1024 * 1024)
  })
})

describe('sanitiseFilename', () => {
  test('keeps only the last part of a path', () => {
    assert.equal(sanitiseFilename('C:\\Users\\clerk\\ToR 2019.docx'), 'ToR 2019.docx')
    assert.equal(sanitiseFilename('../../etc/passwd.txt'), 'passwd.txt')
  })

  test('drops control and reserved characters, collapses spaces and leading dots', () => {
    assert.equal(sanitiseFilename('  Board\u0000 <papers>:  "Jan"?.pdf '), 'Board papers Jan.pdf')
    assert.equal(sanitiseFilename('...hidden.txt'), 'hidden.txt')
  })

  test('drops bidirectional-text controls, so a right-to-left override cannot disguise the extension', () => {
    // Shown as “Minutestxt.pdf”: a text file dressed as a PDF.
    assert.equal(sanitiseFilename('Minutes\u202Efdp.txt'), 'Minutesfdp.txt')
    const every = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']
    for (const control of every)
      assert.equal(sanitiseFilename(`Board${control} papers.pdf`), 'Board papers.pdf', `U+${control.codePointAt(0)!.toString(16).toUpperCase()}`)
    // C1 controls, zero-width characters and the byte order mark go too; line separators read as spaces.
    assert.equal(sanitiseFilename('\uFEFFTerms\u0085 of\u200B reference\u2028v2.docx'), 'Terms of reference v2.docx')
  })

  test('a name with nothing but controls before its extension is named for what it is', () => {
    assert.deepEqual(checkFile('\u202E\u2066.pdf', pdf), { ok: true, filename: 'document.pdf', contentType: 'application/pdf' })
  })

  test('names a file that has nothing left, and shortens a long name keeping its extension', () => {
    assert.equal(sanitiseFilename('???.pdf'), 'document.pdf')
    const long = sanitiseFilename(`${'a'.repeat(400)}.docx`)
    assert.equal(long.length, 255)
    assert.ok(long.endsWith('.docx'))
  })
})

describe('attachmentHeader', () => {
  test('gives an ASCII fallback and the exact UTF-8 name', () => {
    assert.equal(
      attachmentHeader('Children’s Trust (2008).pdf'),
      `attachment; filename="Children_s Trust (2008).pdf"; filename*=UTF-8''Children%E2%80%99s%20Trust%20%282008%29.pdf`,
    )
  })

  test('carries no bidirectional-text control, even for a name stored before they were stripped', () => {
    const header = attachmentHeader('Minutes\u202Efdp.txt')
    assert.equal(header, `attachment; filename="Minutesfdp.txt"; filename*=UTF-8''Minutesfdp.txt`)
    assert.equal(withoutControlCharacters('a\u2067b\u200Fc'), 'abc')
  })
})
