// A Child Protection Chair consultation end to end in real Chromium, under Kent's pack (CPC-1…CPC-8):
// a social worker is refused once the ICPC decision is made (CPC-8), then requests one for Tia (the
// area's inbox is e-mailed without her details: CPC-1); the coordinator allocates it to the duty
// chair (CPC-2); the chair records the contact and the time arranged (CPC-3), then the consultation
// under the eight headings (CPC-4, CPC-5), first missing one. The record page shows the headings and
// the statement that the district team decides (CPC-6). axe checks every page.
import { join } from 'node:path'
import { runJourney, startServer, startMailSink, decodeBody, checkAccessibility, expect, buildDir, signIn, textOf } from './harness.mjs'

const failures = []

const text = textOf

// "YYYY-MM-DDTHH:MM" in Kent's local time, as the forms take it.
function londonLocal (date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).formatToParts(date).map(p => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

// "When is it arranged for?" and "When was it held?": the date in GOV.UK's day, month and year boxes,
// the time ("14:30") beside them.
async function fillWhen (page, name, local) {
  await page.fill(`#${name}-day`, String(Number(local.slice(8, 10))))
  await page.fill(`#${name}-month`, String(Number(local.slice(5, 7))))
  await page.fill(`#${name}-year`, local.slice(0, 4))
  await page.fill(`#${name}-time`, local.slice(11, 16))
}

const fillHeldAt = (page, local) => fillWhen(page, 'held_at', local)

async function fillRequest (page, icpcDecisionMade) {
  await page.check('#area')
  await page.fill('#child-first-names', 'Tia')
  await page.fill('#child-last-name', 'Sample')
  await page.fill('#child-dob-day', '3')
  await page.fill('#child-dob-month', '10')
  await page.fill('#child-dob-year', '2012')
  await page.fill('#reason', 'Neglect over two years; the family engage and then withdraw. Is a conference proportionate?')
  await page.check('#strategy-discussion-held-no')
  await page.check(icpcDecisionMade ? '#icpc-decision-made' : '#icpc-decision-made-no')
}

const headings = {
  '#record-previous-cp': 'None known',
  '#record-previous-cin': 'CIN plan in 2024 for neglect, closed after six months.',
  '#record-previous-proceedings': 'None known',
  '#record-previous-cla': 'None known',
  '#record-brief-history': 'Working well: school attendance is good.\nWorries: food and supervision at weekends.',
  '#record-prevention-work': 'Parenting support and a weekend plan with the grandmother.',
  '#record-other-agencies': 'School, health visitor.',
  '#record-family-safety-plan': 'Grandmother visits every weekend; reviewed with the family.'
}

const mail = await startMailSink()
const server = await startServer({ policy: 'kent', smtpUrl: mail.url })
await runJourney('chair consultation journey', failures, async browser => {
  const page = await (await browser.newContext()).newPage()
  const scriptErrors = []
  page.on('pageerror', e => scriptErrors.push(e.message))

  // --- the social worker ---
  await signIn(page, server.url, 'worker')
  await page.click('a:has-text("Child Protection Chair consultations")')
  expect((await text(page, 'h1')).includes('Child Protection Chair consultations'), 'the home page links to the consultations', failures)
  await checkAccessibility(page, 'consultation list (worker)', failures)
  await page.click('a:has-text("Request a consultation")')
  expect((await text(page, 'main')).includes('North and West Kent'), 'the form offers the pack\'s areas', failures)
  await checkAccessibility(page, 'request form', failures)

  // An empty request names every question; what was typed is kept.
  await page.fill('#child-first-names', 'Tia')
  await page.click('button:has-text("Send the request")')
  const summary = await text(page, '.govuk-error-summary')
  expect(summary.includes('Choose the area') && summary.includes('Say whether a strategy discussion has been held'),
    'a refused request lists what is missing', failures)
  expect(await page.inputValue('#child-first-names') === 'Tia', 'the form keeps what was typed', failures)
  await checkAccessibility(page, 'request form with errors', failures)

  // CPC-8: refused once the district team has decided to hold an ICPC.
  await fillRequest(page, true)
  await page.click('button:has-text("Send the request")')
  const refusal = await text(page, 'main')
  expect(refusal.includes('No consultation requested') && refusal.includes('already decided to hold an ICPC') && refusal.includes('CPC-8'),
    'CPC-8: a request after the ICPC decision is refused with the route', failures)
  await checkAccessibility(page, 'refusal', failures)

  // CPC-1: the request, e-mailed to the area's inbox.
  await page.goto(server.url + '/chair-consultations/new')
  await fillRequest(page, false)
  await page.click('button:has-text("Send the request")')
  expect((await text(page, '.govuk-notification-banner')).includes('Consultation requested'), 'the request is made', failures)
  const consultationPath = new URL(page.url()).pathname
  expect(/^\/chair-consultations\/\d+$/.test(consultationPath), `the consultation opens (${consultationPath})`, failures)
  const reference = ((await text(page, '.govuk-caption-l')).match(/CPC-\d{6}/) || [''])[0]
  expect(reference !== '', `it has a reference (${reference})`, failures)
  expect((await text(page, '#decision-note')).includes('remains responsible for the decision'), 'CPC-6: the statement is shown', failures)
  expect((await text(page, 'main')).includes('Waiting for the Child Protection Coordinator'), 'the worker sees it awaits allocation', failures)
  await checkAccessibility(page, 'consultation requested', failures)
  const inbox = await mail.waitForTo('cpcconsultationsnw@kent.gov.uk', 1)
  expect(inbox.length === 1, `CPC-1: the North and West inbox is e-mailed (${inbox.length})`, failures)
  const emailBody = inbox.length ? decodeBody(inbox[0].data) : ''
  expect(emailBody.includes(reference) && emailBody.includes('Sam Social') && emailBody.includes(consultationPath),
    'the e-mail gives the reference, requester and link', failures)
  expect(!emailBody.includes('Tia') && !emailBody.includes('Sample') && !emailBody.includes('2012'),
    'the e-mail holds none of the child\'s details', failures)
  await page.click('button:has-text("Sign out")')

  // --- CPC-2: the coordinator allocates it to the duty chair ---
  await signIn(page, server.url, 'coordinator')
  await page.click('a:has-text("Child Protection Chair consultations")')
  expect((await text(page, 'table')).includes('Awaiting allocation'), 'the coordinator sees it awaiting allocation', failures)
  await checkAccessibility(page, 'consultation list (coordinator)', failures)
  await page.click(`a:has-text("${reference}")`)
  await checkAccessibility(page, 'allocation form', failures)
  await page.click('button:has-text("Allocate")')
  expect((await text(page, '.govuk-error-summary')).includes('Choose the Child Protection Chair'), 'allocating needs a chair', failures)
  await page.selectOption('#chair-user-id', { label: 'Jordan Chair' })
  await page.click('button:has-text("Allocate")')
  expect((await text(page, '.govuk-notification-banner')).includes('Consultation allocated'), 'the consultation is allocated', failures)
  const allocated = await text(page, 'main')
  expect(allocated.includes('Jordan Chair') && allocated.includes('CPC-3'), 'the chair and the 24-hour deadline are shown', failures)
  await checkAccessibility(page, 'consultation allocated', failures)
  await page.click('button:has-text("Sign out")')

  // --- CPC-3, CPC-4, CPC-5: the chair ---
  await signIn(page, server.url, 'chair')
  await page.click('a:has-text("Child Protection Chair consultations")')
  await page.click(`a:has-text("${reference}")`)
  await checkAccessibility(page, 'contact form', failures)
  await fillWhen(page, 'arranged_for', londonLocal(new Date(Date.now() + 60 * 60 * 1000)))
  await page.click('button:has-text("Record contact")')
  expect((await text(page, '.govuk-notification-banner')).includes('Contact with the social worker recorded'), 'CPC-3: the contact is recorded', failures)
  await checkAccessibility(page, 'record form', failures)

  await fillHeldAt(page, londonLocal(new Date()))
  for (const [selector, value] of Object.entries(headings)) await page.fill(selector, value)
  await page.fill('#record-family-safety-plan', '')
  await page.click('button:has-text("Save the record")')
  expect((await text(page, '.govuk-error-summary')).includes('Family safety plan'), 'CPC-5: a missing heading is named', failures)
  expect(await page.inputValue('#record-brief-history') === headings['#record-brief-history'], 'the record form keeps what was typed', failures)
  await checkAccessibility(page, 'record form with errors', failures)
  await page.fill('#record-family-safety-plan', headings['#record-family-safety-plan'])
  await fillHeldAt(page, londonLocal(new Date()))
  await page.click('button:has-text("Save the record")')
  expect((await text(page, '.govuk-notification-banner')).includes('Consultation recorded'), 'CPC-4: the consultation is recorded', failures)
  const record = await text(page, '#record + dl')
  expect(record.includes('Previous CP') && record.includes('Previous CIN') && record.includes('Previous proceedings') &&
    record.includes('Previous CLA') && record.includes('Other agency involvement') && record.includes('Family safety plan'),
  'CPC-5: the record shows the headings', failures)
  expect(record.includes('Worries: food and supervision at weekends.') && record.includes('Grandmother visits every weekend'),
    'the record shows what was written', failures)
  expect((await text(page, '#decision-note')).includes('The district social work team remains responsible for the decision, including whether to hold an initial child protection conference.'),
    'CPC-6: the record page says the district team decides', failures)
  expect(!(await page.isVisible('button:has-text("Save the record")')), 'the record cannot be made twice', failures)
  await page.screenshot({ path: join(buildDir, 'chair-consultation-page.png'), fullPage: true })
  await checkAccessibility(page, 'consultation recorded', failures)

  expect(scriptErrors.length === 0, `no script errors (${scriptErrors.join('; ')})`, failures)
}, { server, mail })
