// Shared by the browser tests: starts build/frontdoor on a fresh SQLite file with demo data,
// launches Debian's Chromium through playwright-core, and checks pages with axe.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

export const sourceDir = process.argv[2]
export const buildDir = process.argv[3]
const require = createRequire(join(sourceDir, 'package.json'))
const { chromium } = require('playwright-core')
const { default: AxeBuilder } = require('@axe-core/playwright')

export async function startServer () {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-browser-'))
  const db = `sqlite:${join(dir, 'fd.db')}`
  const binary = join(buildDir, 'frontdoor')
  const policy = join(sourceDir, 'policies', 'kent')
  execFileSync(binary, ['seed-demo', '--database', db, '--policy', policy], { stdio: 'pipe' })
  const portFile = join(dir, 'port')
  const server = spawn(binary, ['serve', '--database', db, '--listen', '127.0.0.1:0', '--port-file', portFile, '--policy', policy,
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

// Runs axe on the page and fails on any serious or critical violation.
export async function checkAccessibility (page, label, failures) {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
  for (const v of bad) {
    failures.push(`axe ${v.impact} on ${label}: ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join('; ')})`)
  }
  const ids = results.violations.map(v => `${v.id} (${v.impact})`).join(', ')
  console.log(`axe: ${label}: ${results.violations.length} violations${ids ? ': ' + ids : ''}; ${bad.length} serious or critical`)
}

export function expect (condition, message, failures) {
  if (!condition) failures.push(message)
  console.log(`${condition ? 'ok' : 'FAIL'}: ${message}`)
}
