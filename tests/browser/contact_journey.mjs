// A contact officer signs in, records a contact (first with mistakes), sees it, finds it in the
// list, and signs out, in real Chromium; every page visited is checked with axe.
import { join } from 'node:path'
import { runJourney, startServer, checkAccessibility, expect, buildDir } from './harness.mjs'

const failures = []
const server = await startServer()
await runJourney('contact journey', failures, async browser => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const cspErrors = []
  page.on('console', m => { if (m.type() === 'error') cspErrors.push(m.text()) })

  await page.goto(server.url + '/')
  expect(page.url().includes('/sign-in'), 'an unsigned visitor is sent to sign in', failures)
  await checkAccessibility(page, 'sign-in', failures)

  await page.fill('#username', 'officer')
  await page.fill('#password', 'not the password')
  await page.click('button:has-text("Sign in")')
  expect(await page.isVisible('.govuk-error-summary'), 'a wrong password shows the error summary', failures)
  expect(await page.inputValue('#username') === 'officer', 'the username is kept after a failed sign-in', failures)
  expect(await page.inputValue('#password') === '', 'the password is never sent back', failures)
  await checkAccessibility(page, 'sign-in with error', failures)

  await page.fill('#password', 'frontdoor-demo')
  await page.click('button:has-text("Sign in")')
  expect((await page.textContent('h1')).includes('Hello'), 'signed in to the home page', failures)
  await checkAccessibility(page, 'home', failures)

  await page.click('text=Record a contact')
  expect((await page.textContent('h1')).includes('Record a contact'), 'the contact form opens', failures)
  await checkAccessibility(page, 'contact form', failures)

  // First attempt: a school referrer, a concern, but the child has no name and a broken date.
  await page.check('#referrer_type-school')
  await page.fill('#referrer_name', 'Priya Shah')
  await page.fill('#referrer_agency', 'Riverside Primary')
  await page.fill('#referrer_phone', '01632 960 001')
  await page.fill('#referrer_email', 'dsl@riverside.example.sch.uk')
  await page.fill('#children-0-dob-day', '31')
  await page.fill('#children-0-dob-month', '2')
  await page.fill('#children-0-dob-year', '2018')
  const concern = 'Mia arrived hungry three days running.\nHer brother was collected late twice.'
  await page.fill('#concern', concern)
  await page.click('button:has-text("Record contact")')
  expect(await page.isVisible('.govuk-error-summary'), 'a refused contact shows the error summary', failures)
  const summary = await page.textContent('.govuk-error-summary')
  expect(summary.includes('Date of birth must be a real date'), 'the summary names the bad date', failures)
  expect(summary.includes("Enter the child's name"), 'the summary names the missing name', failures)
  expect(await page.inputValue('#concern') === concern, 'the concern typed is kept', failures)
  expect(await page.inputValue('#referrer_name') === 'Priya Shah', 'the referrer name is kept', failures)
  expect(await page.isChecked('#referrer_type-school'), 'the referrer type is kept', failures)
  expect(await page.inputValue('#children-0-dob-day') === '31', 'the date typed is kept', failures)
  await checkAccessibility(page, 'contact form with errors', failures)

  // Add a second child without JavaScript state: the page comes back with everything kept.
  await page.click('button:has-text("Add another child")')
  expect(await page.isVisible('#children-1-first_names'), 'another child block is added', failures)
  expect(await page.inputValue('#concern') === concern, 'adding a child keeps the concern', failures)

  await page.fill('#children-0-first_names', 'Mia')
  await page.fill('#children-0-last_name', 'Example')
  await page.fill('#children-0-dob-day', '14')
  await page.fill('#children-0-dob-month', '5')
  await page.fill('#children-1-first_names', 'Leo')
  await page.fill('#children-1-last_name', 'Example')
  await page.click('button:has-text("Record contact")')
  const banner = await page.textContent('.govuk-notification-banner')
  expect(/Contact FD-\d{4}-\d{6} recorded/.test(banner), 'the success banner shows the reference', failures)
  const reference = banner.match(/FD-\d{4}-\d{6}/)[0]
  expect((await page.textContent('h1')).includes('Mia Example and Leo Example'), 'the contact page names both children', failures)
  expect((await page.textContent('main')).includes('Her brother was collected late twice.'), 'the concern is shown', failures)
  await page.screenshot({ path: join(buildDir, 'contact-page.png'), fullPage: true })
  await checkAccessibility(page, 'contact page', failures)

  // The contact's deadlines, and recording that the referrer was told (HCR-22).
  expect((await page.textContent('main')).includes('Decide the response'), 'the decision deadline is shown', failures)
  await page.click('button:has-text("Record acknowledgement")')
  expect((await page.textContent('.govuk-error-summary')).includes('Choose how the referrer was told'),
    'an acknowledgement without a method is refused with a message', failures)
  await checkAccessibility(page, 'contact page with an error', failures)
  await page.check('#ack-method')
  await page.fill('#ack-note', 'Told the school on the phone')
  await page.click('button:has-text("Record acknowledgement")')
  expect((await page.textContent('.govuk-notification-banner')).includes('Acknowledgement recorded'),
    'the acknowledgement is recorded', failures)
  expect((await page.textContent('main')).includes('Told the school on the phone'), 'the note is shown', failures)

  await page.goto(server.url + '/deadlines')
  expect((await page.textContent('main')).includes(reference), 'the work queue lists the new contact', failures)
  await page.screenshot({ path: join(buildDir, 'deadlines.png'), fullPage: true })
  await checkAccessibility(page, 'deadlines', failures)

  await page.goto(server.url + '/contacts')
  expect((await page.textContent('table')).includes(reference), 'the new contact is listed', failures)
  await checkAccessibility(page, 'contact list', failures)

  await page.goto(server.url + '/contacts/new')
  await page.screenshot({ path: join(buildDir, 'contact-form.png'), fullPage: true })

  await page.click('button:has-text("Sign out")')
  expect(page.url().includes('/sign-in'), 'signing out returns to sign-in', failures)
  await page.goto(server.url + '/contacts')
  expect(page.url().includes('/sign-in'), 'after signing out the list needs sign-in again', failures)

  const blocked = cspErrors.filter(e => e.includes('Content Security Policy'))
  expect(blocked.length === 0, `no content blocked by the CSP (${blocked.join('; ')})`, failures)
}, { server })
