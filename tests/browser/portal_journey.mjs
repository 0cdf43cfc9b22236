// A member of the public uses the Request for Support portal in real Chromium, without signing in:
// sends it first with a mistake (anonymous, limits not confirmed), ticks a significant-harm
// indicator and sees the urgent advice appear at once (HCR-12/13, JavaScript), sends it, and gets
// the confirmation panel with the reference (HCR-16). Every page is checked with axe.
import { join } from 'node:path'
import { runJourney, startServer, startMailSink, decodeBody, checkAccessibility, expect, buildDir } from './harness.mjs'

const failures = []
const mail = await startMailSink()
// On a rehearsal clock, a Tuesday at 10:00, while Kent's front door is open: its urgent advice then
// gives Kent's number (out of office hours it says the offices are closed instead, HCR-18, KCR-8).
const server = await startServer({ smtpUrl: mail.url, clockStart: '2026-12-01T10:00:00Z' })
await runJourney('portal journey', failures, async browser => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const consoleErrors = []
  const scriptErrors = []
  const missing = []
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()) })
  page.on('pageerror', e => scriptErrors.push(e.message))
  page.on('response', r => { if (r.status() === 404) missing.push(r.url()) })

  await page.goto(server.url + '/request-for-support')
  expect(page.url().endsWith('/request-for-support'), 'the portal opens without signing in', failures)
  expect((await page.textContent('h1')).includes('Request support for a child'), 'the portal form is shown', failures)
  expect(!(await page.isVisible('#urgent-warning')), 'the urgent advice is hidden while no indicator is ticked', failures)
  await checkAccessibility(page, 'portal form', failures)

  // First attempt: anonymous, but without confirming the limits of anonymity (HCR-20).
  await page.check('#referrer_type-member_of_public')
  await page.check('#referrer_anonymous')
  await page.fill('#children-0-first_names', 'Sam')
  await page.fill('#children-0-last_name', 'Example')
  const concern = 'Sam was outside in the cold at midnight.\nThere is shouting every night.'
  await page.fill('#concern', concern)
  await page.check('#household-domestic_abuse')
  await page.click('button:has-text("Send request")')
  expect(await page.isVisible('.govuk-error-summary'), 'a refused request shows the error summary', failures)
  const summary = await page.textContent('.govuk-error-summary')
  expect(summary.includes('a court may order us to say who you are'), 'the summary asks to confirm the limits of anonymity', failures)
  expect(await page.inputValue('#concern') === concern, 'the concern typed is kept', failures)
  expect(await page.isChecked('#referrer_anonymous'), 'the anonymity choice is kept', failures)
  expect(await page.isChecked('#household-domestic_abuse'), 'the household answer is kept', failures)
  await checkAccessibility(page, 'portal form with errors', failures)
  await page.click('.govuk-error-summary a[href="#anonymity_limits_explained"]')
  expect(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'anonymity_limits_explained',
    'the error link moves to the checkbox it names', failures)

  // HCR-12/13: ticking an indicator shows the urgent advice before anything is sent.
  await page.check('#anonymity_limits_explained')
  await page.check('input[name="indicators"][value="unexplained-injuries"]')
  expect(await page.isVisible('#urgent-warning'), 'ticking an indicator shows the urgent advice at once', failures)
  const warning = await page.textContent('#urgent-warning')
  expect(warning.includes('999') && warning.includes('03000 411111'), "the advice is 999 and Kent's number", failures)
  await page.uncheck('input[name="indicators"][value="unexplained-injuries"]')
  expect(!(await page.isVisible('#urgent-warning')), 'unticking every indicator hides the advice again', failures)
  await page.check('input[name="indicators"][value="unexplained-injuries"]')
  await checkAccessibility(page, 'portal form with the urgent advice', failures)

  await page.click('button:has-text("Send request")')
  expect(await page.isVisible('.govuk-panel--confirmation'), 'the confirmation panel is shown', failures)
  const panel = await page.textContent('.govuk-panel')
  expect(panel.includes('Request received'), 'the panel says the request was received', failures)
  expect(/FD-\d{4}-\d{6}/.test(panel), 'the panel shows the reference', failures)
  expect(/Received \d{1,2} \w+ \d{4}/.test(panel), 'the panel shows when it was received', failures)
  expect((await page.textContent('.govuk-warning-text')).includes('999'), 'the confirmation repeats the urgent advice', failures)
  expect((await page.textContent('main')).includes('Sam was outside in the cold at midnight.'), 'the summary shows the concern', failures)
  expect((await page.textContent('main')).includes('staying anonymous'), 'the summary shows the referrer stayed anonymous', failures)
  await page.screenshot({ path: join(buildDir, 'portal-received.png'), fullPage: true })
  await checkAccessibility(page, 'portal confirmation', failures)

  // HCR-22, KCR-5: a named member of the public who gives an e-mail address is acknowledged by e-mail.
  // A long one, which the receipt must wrap on a small screen (WCAG 1.4.10).
  const alexEmail = 'alex.neighbour.at.flat.twelve.riverside.court.gardens@example.com'
  await page.goto(server.url + '/request-for-support')
  await page.screenshot({ path: join(buildDir, 'portal-form.png'), fullPage: true })
  await page.check('#referrer_type-member_of_public')
  await page.fill('#referrer_name', 'Alex Neighbour')
  await page.fill('#referrer_email', alexEmail)
  await page.fill('#children-0-first_names', 'Kai')
  await page.fill('#concern', 'Kai is often left alone in the flat overnight.')
  // A child box added and left empty, then Enter in a text box: the request is sent (Enter presses
  // "Send request", not "Remove child 2"), and the empty box is left out.
  await page.click('button:has-text("Add another child")')
  expect(await page.isVisible('#children-1-first_names'), 'a second child box is added', failures)
  // WCAG 2.4.3: the keyboard is at the new child, not at the top of the page, and the page says so.
  expect(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'children-1-first_names',
    'after "Add another child" the keyboard is at the new child\'s first box', failures)
  expect(((await page.textContent('#children-status')) || '').includes('Child 2 added'), 'the page says child 2 was added', failures)
  expect(await page.inputValue('#children-0-first_names') === 'Kai', 'adding a child keeps what was typed', failures)
  await page.press('#referrer_name', 'Enter')
  await page.waitForSelector('.govuk-panel', { timeout: 10000 }).catch(() => {})
  const reference = ((await page.textContent('.govuk-panel')) || '').match(/FD-\d{4}-\d{6}/)
  expect(reference !== null, 'the named request is received', failures)
  // WCAG 1.4.10: at 320 CSS pixels the receipt, long e-mail address and all, needs no sideways scrolling.
  await page.setViewportSize({ width: 320, height: 640 })
  const receiptWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(receiptWidth <= 320, `the receipt fits a 320 px screen (${receiptWidth} px wide)`, failures)
  const ack = (await mail.waitForTo(alexEmail))[0]
  expect(ack !== undefined, 'an acknowledgement e-mail reaches the referrer', failures)
  if (ack && reference) {
    expect(ack.data.includes(reference[0]), 'the acknowledgement quotes the reference', failures)
    expect(decodeBody(ack.data).includes('within one working day'), 'the acknowledgement says what happens next', failures)
  }
  // Only the demo school and midwife (seeded with secure addresses; the midwife phoned, so her status
  // link comes in an e-mail of its own) and Alex have been written to: the anonymous referrer gives
  // no address and is sent nothing.
  const written = [alexEmail, 'dsl@riverside-primary.kent.gov.uk', 't.reed@nhs.net']
  expect(mail.messages.every(m => m.to.some(to => written.includes(to))),
    'nobody else was sent anything', failures)

  const blocked = consoleErrors.filter(e => e.includes('Content Security Policy'))
  expect(blocked.length === 0, `no content blocked by the CSP (${blocked.join('; ')})`, failures)
  expect(scriptErrors.length === 0, `no script errors (${scriptErrors.join('; ')})`, failures)
  const missingAssets = missing.filter(u => !u.endsWith('/favicon.ico'))
  expect(missingAssets.length === 0, `every script, style and image loads (${missingAssets.join('; ')})`, failures)
}, { server, mail })
