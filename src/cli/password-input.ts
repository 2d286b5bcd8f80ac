import { CommandError } from './failure.ts'

/**
 * The password for a user command: from --password if given; otherwise the
 * first line of standard input when it is a pipe or file (for scripts);
 * otherwise asked for twice at the terminal without echoing it. It is never
 * printed.
 */
export async function readPassword(given: string | undefined): Promise<string> {
  if (given !== undefined) return given
  if (!process.stdin.isTTY) return firstLineOfStdin()
  const password = await promptHidden('Password: ')
  const again = await promptHidden('Type the password again: ')
  if (password !== again) throw new CommandError('The two passwords do not match. Nothing has been changed.')
  return password
}

async function firstLineOfStdin(): Promise<string> {
  let text = ''
  process.stdin.setEncoding('utf8')
  for await (const chunk of process.stdin) {
    text += chunk as string
    if (text.includes('\n')) break
  }
  const line = text.split(/\r?\n/)[0] ?? ''
  if (line === '') throw new CommandError('No password given: pass it on standard input (one line), or run the command at a terminal to be asked for it.')
  return line
}

function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish()
          resolve(value)
          return
        }
        if (char === '\u0003') {
          finish()
          reject(new CommandError('Cancelled. Nothing has been changed.'))
          return
        }
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('')
        else value += char
      }
    }
    process.stderr.write(prompt)
    stdin.setEncoding('utf8')
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}
