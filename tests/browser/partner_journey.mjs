// Issue 12 point 1 in real Chromium: a social worker sends a check to the police from screening; the
// demo police user signs in, sees the check in the agency's queue, opens it (seeing the question and
// the child, never the referrer or the concern), answers it; the worker then sees the answer on the
// contact's screening page. axe must find no violations on the partner's pages and the screening form.
import { join } from 'node:path'
import { runJourney, startServer, expect, buildDir, signIn, checkAccessibility, openWatchedPage, textOf } from './harness.mjs'

const failures = []
const text = textOf

const server = await startServer()
await runJourney('partner journey', failures, async browser => {
  const { page, consoleErrors, scriptErrors } = await openWatchedPage(browser)

  // The worker starts screening the demo school contact and records that the parents agreed (KCR-4).
  await signIn(page, server.url, 'worker')
  await page.goto(server.url + '/contacts')
  await page.click('tr:has-text("Mia Example and Leo Example") a')
  const contactPath = new URL(page.url()).pathname
  await page.goto(server.url + contactPath + '/screening')
  await page.click('button:has-text("Start screening")')
  await page.check('#consent')
  await page.click('button:has-text("Save answers")')
  expect((await text(page, '.govuk-notification-banner')).includes('Screening answers saved'), 'consent is saved', failures)

  // A refused send keeps what was typed and names what is missing.
  await page.selectOption('#check-agency', 'police')
  await page.fill('#check-question', 'Any police call-outs to the family home this year?')
  await page.click('button:has-text("Send check")')
  const refused = await text(page, '.govuk-error-summary')
  expect(refused.includes('Choose the children'), 'a check naming no child is refused', failures)
  expect(refused.includes('lawful basis'), 'a check with no lawful basis is refused', failures)
  expect(await page.inputValue('#check-question') === 'Any police call-outs to the family home this year?',
    'the check form keeps the question', failures)
  await checkAccessibility(page, 'screening page with a refused check', failures, { strict: true })

  await page.check('#check-children')
  await page.selectOption('#check-lawful-basis', 'consent')
  await page.click('button:has-text("Send check")')
  expect((await text(page, '.govuk-notification-banner')).includes('Check sent'), 'the check is sent', failures)
  expect((await text(page, '#check-requests')).includes('Awaiting answer'), 'the check awaits an answer', failures)
  await page.click('button:has-text("Sign out")')

  // The police user sees their agency's queue, and only the request.
  await signIn(page, server.url, 'police')
  await page.click('a:has-text("Check requests for your agency")')
  expect((await text(page, 'h1')).includes('Check requests'), 'the partner opens the queue', failures)
  expect((await text(page, '#partner-checks')).includes('Mia Example'), 'the queue names the child asked about', failures)
  await checkAccessibility(page, 'partner queue', failures, { strict: true })
  await page.click('#partner-checks a')
  const request = await text(page, 'main')
  expect(request.includes('Any police call-outs to the family home this year?'), 'the check shows the question', failures)
  expect(request.includes('14 May 2017'), "the check shows the child's date of birth", failures)
  expect(!request.includes('Priya Shah') && !request.includes('Riverside'), 'the referrer is not shown', failures)
  expect(!request.includes('Leo Example'), 'a child not asked about is not shown', failures)
  await checkAccessibility(page, 'partner check', failures, { strict: true })
  await page.click('button:has-text("Send answer")')
  expect((await text(page, '.govuk-error-summary')).includes('answer'), 'an empty answer is refused', failures)
  await page.fill('#answer', 'One call-out in March: a noise complaint, no offences.')
  await page.click('button:has-text("Send answer")')
  expect((await text(page, '#check-status')).includes('Answered'), 'the check is answered', failures)
  await page.screenshot({ path: join(buildDir, 'partner-check.png'), fullPage: true })
  await checkAccessibility(page, 'partner check answered', failures, { strict: true })
  const contactPage = await page.goto(server.url + contactPath)
  expect(contactPage.status() === 403, 'the partner cannot open the contact', failures)
  await page.goto(server.url + '/')
  await page.click('button:has-text("Sign out")')

  // The worker sees the answer on the contact (KCR-9): who answered, when, what.
  await signIn(page, server.url, 'worker')
  await page.goto(server.url + contactPath + '/screening')
  const checks = await text(page, '#agency-checks ~ table')
  expect(checks.includes('One call-out in March') && checks.includes('Pat Police'), 'the worker sees the answer and who gave it', failures)
  expect((await text(page, '#check-requests')).includes('Answered by Pat Police'), 'the check shows as answered', failures)

  const blocked = consoleErrors.filter(e => e.includes('Content Security Policy'))
  expect(blocked.length === 0, `no content blocked by the CSP (${blocked.join('; ')})`, failures)
  expect(scriptErrors.length === 0, `no script errors (${scriptErrors.join('; ')})`, failures)
}, { server })
