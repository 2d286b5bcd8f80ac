import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../src/platform/db/database.ts'
import { verifyPassword } from '../../src/platform/auth/passwords.ts'
import { postgresUrl } from '../support/database.ts'
import { createScratchDatabase } from '../support/scratch-database.ts'

// The real `thrive` command, run as a person or a script would run it: a
// separate process, configured only through the environment.

const root = join(import.meta.dirname, '..', '..')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

describe('the thrive command line', () => {
  let directory: string
  let env: NodeJS.ProcessEnv
  let dropDatabase: (() => Promise<void>) | undefined

  function thrive(args: string[], input?: string): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', './scripts/typescript.js', 'src/cli/main.ts', ...args], {
        cwd: root,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr }))
      child.stdin.end(input ?? '')
    })
  }

  /** Opens the same database the command used, between commands (PGlite allows one process at a time). */
  async function inspect<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.THRIVE_DATA_DIR })
    try {
      return await work(database.db)
    } finally {
      await database.close()
    }
  }

  async function passwordWorks(email: string, password: string): Promise<boolean> {
    const user = await inspect((db) => db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirst())
    return user ? verifyPassword(user.password_hash, password) : false
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'thrive-cli-'))
    env = { ...process.env, THRIVE_DATA_DIR: join(directory, 'data'), LOG_LEVEL: 'silent' }
    delete env.DATABASE_URL
    if (postgresUrl) {
      const scratch = await createScratchDatabase(postgresUrl)
      env.DATABASE_URL = scratch.url
      dropDatabase = scratch.drop
    }
  })

  after(async () => {
    await dropDatabase?.()
    await rm(directory, { recursive: true, force: true })
  })

  test('migrate brings a new database up to date, and can run again', async () => {
    const first = await thrive(['migrate'])
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /Applied \d+ migrations? .*\n\s+2026-11-23T0900-foundation/)
    const second = await thrive(['migrate'])
    assert.equal(second.code, 0, second.stderr)
    assert.match(second.stdout, /already up to date/)
  })

  test('seed without --demo says what it needs; seed --demo prints working credentials', async () => {
    const bare = await thrive(['seed'])
    assert.equal(bare.code, 1)
    assert.match(bare.stderr, /--demo/)

    const seeded = await thrive(['seed', '--demo'])
    assert.equal(seeded.code, 0, seeded.stderr)
    assert.match(seeded.stdout, /admin@demo\.thrive\.local/)
    const password = /password: (\S+)/.exec(seeded.stdout)?.[1]
    assert.ok(password)
    assert.equal(await passwordWorks('admin@demo.thrive.local', password), true)
  })

  const firstPassword = 'first long password 1'
  const secondPassword = 'second long password 2'
  const thirdPassword = 'third long password 3'

  test('user add reads the password from standard input, never prints it, and adds the membership', async () => {
    const added = await thrive(
      ['user', 'add', 'Lead.Officer@Example.org', '--name', 'Lead Officer', '--partnership', 'oldham', '--role', 'editor'],
      `${firstPassword}\n`,
    )
    assert.equal(added.code, 0, added.stderr)
    assert.match(added.stdout, /Created an account for Lead Officer <lead\.officer@example\.org>/)
    assert.match(added.stdout, /as editor/)
    assert.ok(!(added.stdout + added.stderr).includes(firstPassword))

    const changed = await thrive(['user', 'set-password', 'lead.officer@example.org'], `${secondPassword}\n`)
    assert.equal(changed.code, 0, changed.stderr)
    assert.ok(!(changed.stdout + changed.stderr).includes(secondPassword))

    const role = await inspect((db) =>
      db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .innerJoin('partnerships as p', 'p.id', 'm.partnership_id')
        .select('m.role')
        .where('u.email', '=', 'lead.officer@example.org')
        .where('p.slug', '=', 'oldham')
        .executeTakeFirst(),
    )
    assert.equal(role?.role, 'editor')
    assert.equal(await passwordWorks('lead.officer@example.org', secondPassword), true)
    assert.equal(await passwordWorks('lead.officer@example.org', firstPassword), false)
  })

  test('partnership add creates a partnership for a local authority and invites its first admin; user add invites an existing account; operator grant', async () => {
    const unknownArea = await thrive(['partnership', 'add', 'rochdale', '--name', 'Rochdale Children’s Partnership', '--area', 'E99999999'])
    assert.equal(unknownArea.code, 1)
    assert.match(unknownArea.stderr, /E99999999 is not a local authority in the register of areas/)

    const created = await thrive([
      'partnership',
      'add',
      'rochdale',
      '--name',
      'Rochdale Children’s Partnership',
      '--area',
      'E08000005',
      '--admin',
      'Head.Of.Service@Rochdale.example',
      '--admin-name',
      'Head of Service',
    ])
    assert.equal(created.code, 0, created.stderr)
    assert.match(created.stdout, /Created Rochdale Children’s Partnership \(rochdale\) for E08000005/)
    assert.match(created.stdout, /Invited head\.of\.service@rochdale\.example to be its first admin/)
    assert.match(created.stdout, /\/join\/[A-Za-z0-9_-]{43}/)
    const taken = await thrive(['partnership', 'add', 'rochdale', '--name', 'Again', '--area', 'E08000005'])
    assert.equal(taken.code, 1)
    assert.match(taken.stderr, /already has the short name ‘rochdale’/)

    // An existing account is invited, never attached.
    const invited = await thrive(
      ['user', 'add', 'lead.officer@example.org', '--name', 'Someone Else', '--partnership', 'rochdale', '--role', 'viewer'],
      `${thirdPassword}\n`,
    )
    assert.equal(invited.code, 0, invited.stderr)
    assert.match(invited.stdout, /already had an account/)
    assert.match(invited.stdout, /Invited them to Rochdale Children’s Partnership \(rochdale\) as viewer/)
    assert.equal(await passwordWorks('lead.officer@example.org', thirdPassword), false)

    const granted = await thrive(['operator', 'grant', 'lead.officer@example.org'])
    assert.equal(granted.code, 0, granted.stderr)
    assert.match(granted.stdout, /Lead Officer is now an operator/)

    const state = await inspect(async (db) => ({
      partnership: await db.selectFrom('partnerships').select(['name', 'area_code']).where('slug', '=', 'rochdale').executeTakeFirst(),
      invitations: await db
        .selectFrom('invitations as i')
        .innerJoin('partnerships as p', 'p.id', 'i.partnership_id')
        .select(['i.email', 'i.role'])
        .where('p.slug', '=', 'rochdale')
        .orderBy('i.email')
        .execute(),
      memberships: await db
        .selectFrom('memberships as m')
        .innerJoin('partnerships as p', 'p.id', 'm.partnership_id')
        .select('m.user_id')
        .where('p.slug', '=', 'rochdale')
        .execute(),
      operator: await db.selectFrom('users').select('is_operator').where('email', '=', 'lead.officer@example.org').executeTakeFirst(),
    }))
    assert.deepEqual(state.partnership, { name: 'Rochdale Children’s Partnership', area_code: 'E08000005' })
    assert.deepEqual(state.invitations, [
      { email: 'head.of.service@rochdale.example', role: 'admin' },
      { email: 'lead.officer@example.org', role: 'viewer' },
    ])
    assert.deepEqual(state.memberships, [])
    assert.equal(state.operator?.is_operator, true)
  })

  test('bad input exits non-zero with the reason, and adds nobody', async () => {
    const badEmail = await thrive(['user', 'add', 'not-an-email', '--name', 'Someone'], `${firstPassword}\n`)
    assert.equal(badEmail.code, 1)
    assert.match(badEmail.stderr, /^Error: Enter an email address in the correct format/m)
    assert.equal(badEmail.stdout, '')

    const unknown = await thrive(['user', 'set-password', 'nobody@example.org'], `${firstPassword}\n`)
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /No user has the email address nobody@example\.org/)

    const count = await inspect((db) => db.selectFrom('users').select('email').where('email', 'in', ['not-an-email', 'nobody@example.org']).execute())
    assert.deepEqual(count, [])
  })

  test('backup then restore --force puts back exactly what was backed up', async () => {
    const file = join(directory, 'backup.jsonl')
    const backedUp = await thrive(['backup', file])
    assert.equal(backedUp.code, 0, backedUp.stderr)
    assert.match(backedUp.stdout, /Backed up \d+ rows from \d+ tables/)

    // A change after the backup, which the restore must undo.
    const changed = await thrive(['user', 'set-password', 'lead.officer@example.org'], `${thirdPassword}\n`)
    assert.equal(changed.code, 0, changed.stderr)

    const refused = await thrive(['restore', file])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /not empty.*--force/)
    assert.equal(await passwordWorks('lead.officer@example.org', thirdPassword), true)

    const restored = await thrive(['restore', file, '--force'])
    assert.equal(restored.code, 0, restored.stderr)
    assert.match(restored.stdout, /Restored \d+ rows/)
    assert.equal(await passwordWorks('lead.officer@example.org', secondPassword), true)
    assert.equal(await passwordWorks('lead.officer@example.org', thirdPassword), false)

    const missing = await thrive(['restore', join(directory, 'no-such-file.jsonl')])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /There is no file at/)
  })
})
