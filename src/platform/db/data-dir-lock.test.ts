import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, existsSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts'

test('the lock is released on close and can be taken again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thrive-lock-'))
  const release = lockDataDir(dir)
  assert.equal(readFileSync(join(dir, 'thrive.lock'), 'utf8'), String(process.pid))
  release()
  assert.equal(existsSync(join(dir, 'thrive.lock')), false)
  lockDataDir(dir)()
})

test('a directory held by another live process is refused with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'thrive-lock-'))
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
  try {
    writeFileSync(join(dir, 'thrive.lock'), String(other.pid))
    assert.throws(
      () => lockDataDir(dir),
      (error: unknown) => error instanceof DataDirInUseError && /in use by another Thrive process/.test(error.message),
    )
  } finally {
    other.kill()
  }
})

test('a lock left by a process that has died is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'thrive-lock-'))
  const gone = spawn(process.execPath, ['-e', ''])
  await new Promise((resolve) => gone.on('exit', resolve))
  writeFileSync(join(dir, 'thrive.lock'), String(gone.pid))
  const release = lockDataDir(dir)
  assert.equal(readFileSync(join(dir, 'thrive.lock'), 'utf8'), String(process.pid))
  release()
})
