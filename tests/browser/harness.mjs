// Shared by the browser tests: starts build/frontdoor on a fresh SQLite file with demo data,
// launches Debian's Chromium through playwright-core, and checks pages with axe.
import { spawn, execFileSync } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

export const sourceDir = process.argv[2]
export const buildDir = process.argv[3]
const require = createRequire(join(sourceDir, 'package.json'))
const { chromium } = require('playwright-core')
const { default: AxeBuilder } = require('@axe-core/playwright')

// A minimal SMTP server on loopback that keeps every message it is sent, so journeys can read
// the e-mails frontdoor sends (acknowledgements, outcomes). Enough SMTP for libcurl.
export async function startMailSink () {
  const messages = []
  const server = createServer(socket => {
    let buffer = ''
    let inData = false
    let current = { from: '', to: [], data: '' }
    socket.setEncoding('utf8')
    socket.write('220 sink ESMTP\r\n')
    socket.on('data', chunk => {
      buffer += chunk
      let newline
      while ((newline = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 2)
        if (inData) {
          if (line === '.') {
            inData = false
            messages.push(current)
            current = { from: '', to: [], data: '' }
            socket.write('250 2.0.0 queued\r\n')
          } else {
            current.data += (line.startsWith('..') ? line.slice(1) : line) + '\n'
          }
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 sink\r\n')
        else if (verb === 'MAIL') { current.from = line.replace(/^MAIL FROM:\s*<?([^>]*)>?.*$/i, '$1'); socket.write('250 2.1.0 ok\r\n') }
        else if (verb === 'RCPT') { current.to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1')); socket.write('250 2.1.5 ok\r\n') }
        else if (verb === 'DATA') { inData = true; socket.write('354 go ahead\r\n') }
        else if (verb === 'QUIT') { socket.write('221 bye\r\n'); socket.end() }
        else socket.write('250 ok\r\n')
      }
    })
    socket.on('error', () => {})
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `smtp://127.0.0.1:${server.address().port}`,
    messages,
    // Waits up to 10 s for `count` messages to `address`; returns those.
    async waitForTo (address, count = 1) {
      const to = () => messages.filter(m => m.to.includes(address))
      // Up to 30 s: the outbox worker polls each second, and a loaded CI machine can be slow to deliver.
      for (let i = 0; i < 300 && to().length < count; i++) await new Promise(resolve => setTimeout(resolve, 100))
      return to()
    },
    close () { server.close() }
  }
}

// Quoted-printable bodies, decoded enough to search them for words.
export function decodeBody (data) {
  return data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
}

export async function startServer (options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-browser-'))
  const db = `sqlite:${join(dir, 'fd.db')}`
  const binary = join(buildDir, 'frontdoor')
  const policy = join(sourceDir, 'policies', options.policy || 'kent')
  execFileSync(binary, ['seed-demo', '--database', db, '--policy', policy], { stdio: 'pipe' })
  const portFile = join(dir, 'port')
  const extra = []
  if (options.smtpUrl) {
    const config = join(dir, 'frontdoor.toml')
    writeFileSync(config, `[smtp]\nurl = "${options.smtpUrl}"\nfrom = "frontdoor@example.gov.uk"\n`)
    extra.push('--config', config)
  }
  // A rehearsal clock: the server believes it is this UTC time at start (opening-hours journeys).
  if (options.clockStart) extra.push('--clock-start', options.clockStart)
  const server = spawn(binary, ['serve', ...extra, '--database', db, '--listen', '127.0.0.1:0', '--port-file', portFile, '--policy', policy,
    '--templates', join(sourceDir, 'templates'), '--static', join(buildDir, 'static')], { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  server.stdout.on('data', d => { log += d })
  server.stderr.on('data', d => { log += d })
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await new Promise(resolve => setTimeout(resolve, 50))
  if (!existsSync(portFile)) throw new Error(`server did not start:\n${log}`)
  const port = readFileSync(portFile, 'utf8').trim()
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    async stop () {
      server.kill('SIGTERM')
      await new Promise(resolve => server.once('exit', resolve))
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export async function launchBrowser () {
  // Playwright gives Chromium a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  return browser
}

// Runs axe on the page and fails on any serious or critical violation; with { strict: true } on any
// violation at all, whatever its impact.
export async function checkAccessibility (page, label, failures, { strict = false } = {}) {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter(v => strict || v.impact === 'serious' || v.impact === 'critical')
  for (const v of bad) {
    failures.push(`axe ${v.impact} on ${label}: ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join('; ')})`)
  }
  const ids = results.violations.map(v => `${v.id} (${v.impact})`).join(', ')
  console.log(`axe: ${label}: ${results.violations.length} violations${ids ? ': ' + ids : ''}; ${bad.length} serious or critical`)
}

// A page in a fresh browser context (its own cookies), with the console's errors and the script
// errors it raises collected for the journey to check at the end.
export async function openWatchedPage (browser) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const consoleErrors = []
  const scriptErrors = []
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url || ''}`) })
  page.on('pageerror', e => scriptErrors.push(e.message))
  return { context, page, consoleErrors, scriptErrors }
}

// The text of the first element `selector` finds, or '' when it has none.
export async function textOf (page, selector) {
  return (await page.textContent(selector)) || ''
}

// Signs `page` in as a demo user (every demo user has the password frontdoor-demo).
export async function signIn (page, url, username) {
  await page.goto(url + '/sign-in')
  await page.fill('#username', username)
  await page.fill('#password', 'frontdoor-demo')
  await page.click('button:has-text("Sign in")')
}

export function expect (condition, message, failures) {
  if (!condition) failures.push(message)
  console.log(`${condition ? 'ok' : 'FAIL'}: ${message}`)
}

// Runs a journey's steps with a launched Chromium. A step that throws stops the journey as a failure,
// with the server's log on stderr; the browser, and the server and mail sink given, are closed
// whatever happened; then the journey is reported (finish).
export async function runJourney (journey, failures, steps, { server, mail } = {}) {
  let browser
  try {
    browser = await launchBrowser()
    await steps(browser)
  } catch (error) {
    failures.push(`journey stopped: ${error.stack || error}`)
    if (server) console.error(server.log())
  } finally {
    if (browser) await browser.close()
    if (server) await server.stop()
    if (mail) mail.close()
  }
  finish(journey, failures)
}

// Ends a journey: prints every failure and exits 1, or says all passed.
export function finish (journey, failures) {
  if (failures.length) {
    console.error(`\n${failures.length} failed:\n` + failures.join('\n'))
    process.exit(1)
  }
  console.log(`${journey}: all checks passed`)
}
