// A social worker screens the demo school contact end to end in real Chromium (start, a refused
// completion listing what is left, answers, record checks, an agency check, check your answers,
// complete) and proposes a decision through "check your answers" (with "Change"); a team manager
// then authorises it. axe must find no violations at all on the screening page, the two
// check-your-answers pages and the decision pages (Kent pack).
import { join } from 'node:path'
import { runJourney, startServer, startMailSink, decodeBody, expect, buildDir, signIn, checkAccessibility, openWatchedPage, textOf } from './harness.mjs'

const failures = []

const text = textOf

const mail = await startMailSink()
const server = await startServer({ smtpUrl: mail.url })
await runJourney('screening journey', failures, async browser => {
  const { page, consoleErrors, scriptErrors } = await openWatchedPage(browser)

  await signIn(page, server.url, 'worker')
  await page.goto(server.url + '/contacts')
  await page.click('tr:has-text("Mia Example and Leo Example") a')
  const contactPath = new URL(page.url()).pathname
  expect(/^\/contacts\/\d+$/.test(contactPath), `the demo school contact opens (${contactPath})`, failures)

  // Start screening.
  await page.goto(server.url + contactPath + '/screening')
  expect((await text(page, '.govuk-caption-l')).includes('Mia Example and Leo Example'), 'the caption names the children', failures)
  await checkAccessibility(page, 'screening page before it starts', failures, { strict: true })
  await page.click('button:has-text("Start screening")')
  expect((await text(page, '.govuk-notification-banner')).includes('Screening started'), 'screening starts', failures)
  expect(await page.isVisible('.govuk-task-list'), 'the task list is shown', failures)
  await checkAccessibility(page, 'screening page', failures, { strict: true })

  // Completing now is refused, listing every unfinished task.
  await page.click('a:has-text("Continue")')
  expect((await text(page, 'h1')).includes('Check your screening answers'), 'Continue opens check your answers', failures)
  await page.click('button:has-text("Complete screening")')
  const summary = await text(page, '.govuk-error-summary')
  expect(summary.includes('Still to do: Record checks'), 'a refused completion lists the record checks', failures)
  expect(summary.includes('Still to do: The nature of the concern'), 'a refused completion lists the questions', failures)
  expect(await page.isVisible('#task-record_checks'), 'each error links to its task', failures)
  await checkAccessibility(page, 'screening page with errors', failures, { strict: true })

  // Answers (KCR-11, HCR-30), consent (HCR-25).
  const answers = {
    '#answers-nature': 'Neglect: Mia hungry at school three days this week.',
    '#answers-how_arose': 'Mia told her teacher there was no food at home.',
    '#answers-needs': 'Food, supervision, and collection from nursery on time.',
    '#answers-child_location': 'Mia at school, Leo at nursery.',
    '#answers-last_seen': 'Today, by school and nursery staff.',
    '#answers-family_known': 'Mia: a contact in 2024. Her mother is on the register.'
  }
  for (const [selector, value] of Object.entries(answers)) await page.fill(selector, value)
  await page.check('#significant_harm-no')
  await page.check('#urgent_action-no')
  await page.check('#crime_possible-no')
  await page.check('#consent')
  await page.click('button:has-text("Save answers")')
  expect((await text(page, '.govuk-notification-banner')).includes('Screening answers saved'), 'the answers are saved', failures)
  expect(await page.inputValue('#answers-nature') === answers['#answers-nature'], 'a saved answer is shown', failures)

  // Record checks (KCR-10): Mia is on the demo register.
  await page.click('button:has-text("Check records")')
  expect((await text(page, '.govuk-notification-banner')).includes('Records checked'), 'records are checked', failures)
  expect((await text(page, 'table:has-text("Child protection plan")')).includes('Mia Example'), 'the record checks table lists Mia', failures)

  // An agency check (KCR-9), first with a time that cannot be read.
  await page.fill('#agency-name', 'Health visiting')
  await page.fill('#agency-asked-person', 'Jo Nurse')
  // Asked this minute, London time: not before the contact came in, nor in the future. The date goes
  // in GOV.UK's day, month and year boxes, the time ("14:30") beside them.
  const askedNow = new Date().toLocaleString('sv-SE', { timeZone: 'Europe/London' }).slice(0, 16).replace(' ', 'T')
  await page.fill('#asked_at-day', String(Number(askedNow.slice(8, 10))))
  await page.fill('#asked_at-month', String(Number(askedNow.slice(5, 7))))
  await page.fill('#asked_at-year', askedNow.slice(0, 4))
  await page.fill('#asked_at-time', 'this morning')
  await page.fill('#agency-response', 'Leo is known; no concerns at the last visit.')
  await page.click('button:has-text("Record agency check")')
  expect((await text(page, '.govuk-error-summary')).includes('Enter the time they were asked as a real time'), 'an unreadable time is refused', failures)
  expect(await page.inputValue('#agency-asked-person') === 'Jo Nurse', 'the agency form keeps what was typed', failures)
  expect(await page.inputValue('#asked_at-time') === 'this morning', 'the time box keeps what was typed', failures)
  await page.fill('#asked_at-time', askedNow.slice(11, 16))
  await page.click('button:has-text("Record agency check")')
  expect((await text(page, '.govuk-notification-banner')).includes('Agency check recorded'), 'the agency check is recorded', failures)
  await page.screenshot({ path: join(buildDir, 'screening-page.png'), fullPage: true })
  await checkAccessibility(page, 'screening page with every task done', failures, { strict: true })

  // Check your answers, then complete.
  await page.click('a:has-text("Continue")')
  expect((await text(page, 'main')).includes('Neglect: Mia hungry at school'), 'check your answers shows the answers', failures)
  await checkAccessibility(page, 'screening check your answers', failures, { strict: true })
  await page.click('button:has-text("Complete screening")')
  expect((await text(page, '.govuk-notification-banner')).includes('Screening completed'), 'screening completes', failures)
  expect((await text(page, 'h1')).includes('Propose a decision'), 'the decision form follows', failures)
  await checkAccessibility(page, 'decision form', failures, { strict: true })

  // Propose (KCR-2, KCR-3) through check your answers, using "Change" once.
  await page.check('#outcome-early-help')
  await page.check('#children')
  await page.check('#children-1')
  const rationale = 'Needs are met with early help.\nNo sign of significant harm.'
  await page.fill('#rationale', rationale)
  await page.fill('#next-steps', 'Forward to Early Help; school to monitor meals.')
  await page.click('button:has-text("Continue")')
  expect((await text(page, 'h1')).includes('Check your decision'), 'check your decision opens', failures)
  expect((await text(page, 'main')).includes('Forward to Early Help'), 'the outcome is shown to check', failures)
  await checkAccessibility(page, 'decision check your answers', failures, { strict: true })
  await page.click('button:has-text("Change")')
  expect(await page.inputValue('#rationale') === rationale, 'Change brings back the reasons typed', failures)
  expect(await page.isChecked('#outcome-early-help'), 'Change keeps the outcome', failures)
  expect(await page.isChecked('#children-1'), 'Change keeps the children', failures)
  await page.click('button:has-text("Continue")')
  await page.click('button:has-text("Send for authorisation")')
  expect((await text(page, '.govuk-notification-banner')).includes('Decision sent for authorisation'), 'the proposal is sent', failures)
  expect(!(await page.isVisible('button:has-text("Authorise decision")')), 'the worker cannot authorise', failures)
  await checkAccessibility(page, 'decision awaiting authorisation', failures, { strict: true })
  await page.click('button:has-text("Sign out")')

  // The manager authorises (KCR-16, HCR-31).
  await signIn(page, server.url, 'manager')
  await page.goto(server.url + contactPath + '/decision')
  expect((await text(page, 'main')).includes('Sam Social'), 'the manager sees who proposed it', failures)
  await checkAccessibility(page, 'decision page for the manager', failures, { strict: true })
  await page.click('button:has-text("Authorise decision")')
  expect((await text(page, '.govuk-notification-banner')).includes('Decision authorised'), 'the manager authorises', failures)
  const decided = await text(page, 'main')
  expect(decided.includes('Forward to Early Help') && decided.includes('Morgan Manager'), 'the decision and who authorised it are shown', failures)
  await page.screenshot({ path: join(buildDir, 'decision-page.png'), fullPage: true })
  await checkAccessibility(page, 'decided page', failures, { strict: true })

  // KCR-17, HCR-24: the school (a secure address) was acknowledged on receipt and is now told the outcome.
  const toSchool = await mail.waitForTo('dsl@riverside-primary.kent.gov.uk', 2)
  expect(toSchool.length === 2, `the school got the acknowledgement and the outcome (${toSchool.length} e-mails)`, failures)
  const outcome = toSchool.find(m => /outcome/i.test(m.data.split('\n').find(l => l.startsWith('Subject:')) || ''))
  expect(outcome !== undefined && decodeBody(outcome.data).includes('Early Help'), 'the outcome e-mail names the outcome', failures)

  const blocked = consoleErrors.filter(e => e.includes('Content Security Policy'))
  expect(blocked.length === 0, `no content blocked by the CSP (${blocked.join('; ')})`, failures)
  expect(scriptErrors.length === 0, `no script errors (${scriptErrors.join('; ')})`, failures)
}, { server, mail })
