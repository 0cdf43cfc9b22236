// Requests for information (IR-1…IR-10) in real Chromium under the Hertfordshire pack: an
// immigration request from a non-.gov.uk address is returned naming the channel (IR-6); a CAFCASS
// detailed request without reasons is returned (IR-7), then with reasons is routed to the allocated
// worker (IR-1), whose answer a manager reviews before it is recorded as sent, and the page shows
// exactly what was shared and who authorised it (IR-7). A refused form keeps its input and names
// each field. axe checks every page.
import { join } from 'node:path'
import { runJourney, startServer, checkAccessibility, expect, buildDir, signIn, textOf } from './harness.mjs'

const failures = []
const text = textOf

async function record (page, url, fields) {
  await page.goto(url + '/information-requests/new')
  await page.check(`#${fields.type === 'known-to-services' ? 'type' : 'type-' + fields.type}`)
  await page.fill('#requester_name', fields.name)
  await page.fill('#requester_organisation', fields.organisation)
  await page.fill('#requester_email', fields.email)
  await page.fill('#subject_first_names', fields.first)
  await page.fill('#subject_last_name', fields.last)
  const [year, month, day] = fields.dob.split('-')
  await page.fill('#subject_date_of_birth-day', String(Number(day)))
  await page.fill('#subject_date_of_birth-month', String(Number(month)))
  await page.fill('#subject_date_of_birth-year', year)
  await page.fill('#details', fields.details)
  await page.click('button:has-text("Record the request")')
  await page.waitForSelector('#request-status')
  return page.url().replace(/\?.*$/, '')
}

const server = await startServer({ policy: 'hertfordshire' })
await runJourney('information request journey', failures, async browser => {
  const officer = await (await browser.newContext()).newPage()
  await signIn(officer, server.url, 'officer')

  // The form: each kind says what evidence it needs; a refused form names each field and keeps input.
  await officer.goto(server.url + '/information-requests/new')
  expect((await text(officer, '#type-immigration-hint')).includes('.gov.uk'), 'the immigration choice says answers go to .gov.uk only (IR-6)', failures)
  expect((await text(officer, '#type-detailed-request-hint')).includes('manager reviews'), 'the detailed request choice says a manager reviews it (IR-7)', failures)
  await checkAccessibility(officer, 'record a request for information', failures)
  await officer.fill('#requester_role', 'Caseworker')
  await officer.click('button:has-text("Record the request")')
  const summary = await text(officer, '.govuk-error-summary')
  expect(summary.includes('kind of request') && summary.includes("requester's name"), 'a blank form names each missing field', failures)
  expect((await officer.inputValue('#requester_role')) === 'Caseworker', 'the input is kept', failures)
  await checkAccessibility(officer, 'refused request form', failures)

  // IR-6: an immigration request from a non-.gov.uk address is returned naming the channel.
  const immigration = await record(officer, server.url, {
    type: 'immigration', name: 'Jo Caseworker', organisation: 'UK Visas and Immigration', email: 'caseworker@ukvi-mail.com',
    first: 'Mia', last: 'Example', dob: '2017-05-14', details: 'Is the child known to you?'
  })
  await checkAccessibility(officer, 'request page', failures)
  await officer.click('button:has-text("Decide and route")')
  expect((await text(officer, '#request-status')).includes('Returned'), 'the immigration request is returned', failures)
  const required = await text(officer, '#evidence-required')
  expect(required.includes('.gov.uk') && required.includes('IR-6'), `the evidence required names the .gov.uk channel (${required.trim()})`, failures)
  await officer.screenshot({ path: join(buildDir, 'information-request-returned.png'), fullPage: true })
  await checkAccessibility(officer, 'returned request', failures)
  expect(immigration.includes('/information-requests/'), 'the request has its own page', failures)

  // IR-7: a CAFCASS detailed request without reasons is returned.
  const cafcass = await record(officer, server.url, {
    type: 'detailed-request', name: 'Ash Guardian', organisation: 'CAFCASS', email: 'ash.guardian@cafcass.gov.uk',
    first: 'Tia', last: 'Sample', dob: '2012-10-03', details: 'A chronology of involvement'
  })
  await officer.click('button:has-text("Decide and route")')
  expect((await text(officer, '#evidence-required')).includes('Why the information is requested'), 'without reasons the CAFCASS request is returned (IR-7)', failures)
  await officer.fill('#evidence-reasons', 'Private law proceedings are listed for January; the court asked for a safeguarding letter.')
  await officer.click('button:has-text("Record the evidence")')
  await officer.click('button:has-text("Decide and route")')
  const routed = await text(officer, '#routed')
  expect(routed.includes('allocated worker') && routed.includes('Sam Social'), `with reasons it goes to the allocated worker (IR-1): ${routed.trim()}`, failures)

  // The worker proposes the answer; it waits for a manager.
  const worker = await (await browser.newContext()).newPage()
  await signIn(worker, server.url, 'worker')
  await worker.goto(cafcass)
  await worker.selectOption('#items-0-kind', 'chronology')
  await worker.fill('#items-0-text', '12 January 2026: child protection plan (neglect); reviewed in April.')
  await checkAccessibility(worker, 'answer form', failures)
  await worker.click('button:has-text("Send to a manager for review")')
  expect((await text(worker, '#request-status')).includes("manager's review"), 'the answer waits for a manager (IR-7)', failures)
  expect(!(await worker.isVisible('#shared')), 'nothing is recorded as shared before the review', failures)

  // The manager reviews it from the queue.
  const manager = await (await browser.newContext()).newPage()
  await signIn(manager, server.url, 'manager')
  await manager.goto(server.url + '/information-requests?queue=awaiting-review')
  await checkAccessibility(manager, 'requests to review', failures)
  await manager.click('table a.govuk-link')
  expect((await text(manager, '#proposal')).includes('child protection plan'), 'the manager sees exactly what is to be sent', failures)
  await checkAccessibility(manager, 'review page', failures)
  await manager.check('#decision')
  await manager.fill('#review-note', 'Fine to send.')
  await manager.click('button:has-text("Record the review")')
  expect((await text(manager, '#request-status')).includes('Approved'), 'the manager approves it', failures)

  // The worker records it as sent: the shared record shows what, to whom and who authorised it.
  await worker.goto(cafcass)
  await worker.click('button:has-text("Record the answer as sent")')
  expect((await text(worker, '#request-status')).includes('Answered'), 'the answer is recorded as sent', failures)
  const shared = await text(worker, '#shared')
  expect(shared.includes('child protection plan (neglect)') && shared.includes('ash.guardian@cafcass.gov.uk') && shared.includes('authorised by Morgan Manager'),
    `the shared record shows the items, the recipient and the authorising manager (${shared.replace(/\s+/g, ' ').trim()})`, failures)
  await worker.screenshot({ path: join(buildDir, 'information-request-shared.png'), fullPage: true })
  await checkAccessibility(worker, 'answered request', failures)
}, { server })
