// Kent's no-named professional consultations in real Chromium, on rehearsal clocks (serve
// --clock-start): a request at 15:59 on a Friday is accepted and queued with a consultation number
// (FDS-1, FDS-6, FDS-9); one with an NHS number in the text is refused, saying what to remove, with
// the input kept (FDS-7); a significant-harm indicator redirects to an urgent Request for Support
// (FDS-3); the social worker records the call-back and the consultee is e-mailed the number only
// (FDS-8, FDS-9). At 16:01 the line is closed and the page gives Monday's opening; before a bank
// holiday Monday, Tuesday's (CAL-2). axe checks every page.
import { join } from 'node:path'
import { runJourney, startServer, startMailSink, decodeBody, checkAccessibility, expect, buildDir, signIn, textOf } from './harness.mjs'

const failures = []
const text = textOf

async function fillRequest (page, url, summary) {
  await page.goto(url + '/consultations/new')
  await page.fill('#consultee_name', 'Priya Shah')
  await page.fill('#consultee_role', 'Designated safeguarding lead')
  await page.fill('#consultee_organisation', 'Riverside Primary School')
  await page.check('input[name="caller_type"][value="school"]')
  await page.fill('#consultee_phone', '01632 960 001')
  await page.fill('#consultee_email', 'dsl@riverside.kent.gov.uk')
  await page.check('#safeguarding_lead_consulted')
  await page.fill('#summary', summary)
}

const concern = 'A Year 4 pupil is often hungry and tired; no disclosures. What should we do next?'

// Opens a server whose clock starts at `clockStart` (UTC), runs `journey(page, server)`, and stops it.
async function withServer (browser, clockStart, mailUrl, journey) {
  const server = await startServer({ clockStart, smtpUrl: mailUrl })
  const page = await (await browser.newContext()).newPage()
  try {
    await signIn(page, server.url, 'officer')
    await journey(page, server)
  } finally {
    await server.stop()
  }
}

const mail = await startMailSink()
await runJourney('consultation journey', failures, async browser => {

  // Friday 27 November 2026, 15:59 (GMT): the line (10am to 4pm) is still open.
  await withServer(browser, '2026-11-27T15:59:00Z', mail.url, async (page, server) => {
    await page.goto(server.url + '/consultations/new')
    expect((await text(page, '#line-hours')).includes('Monday to Friday, 10am to 4pm'), 'the form shows the line\'s hours (FDS-1)', failures)
    expect(!(await page.isVisible('#child-first_names')), 'a no-named request form has no child-identity fields (FDS-7)', failures)
    await checkAccessibility(page, 'consultation request form', failures)
    await fillRequest(page, server.url, concern)
    await page.click('button:has-text("Request the consultation")')
    const number = (await text(page, '#consultation-number')).trim()
    expect(/^CN-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=U]$/.test(number), `15:59 on a Friday: accepted with a consultation number (${number})`, failures)
    expect((await text(page, '#call-back-by')).includes('30 November 2026'), 'the call-back is due by Monday (FDS-6)', failures)
    await page.screenshot({ path: join(buildDir, 'consultation-requested.png'), fullPage: true })
    await checkAccessibility(page, 'consultation requested', failures)

    // FDS-7: an NHS number in the text is refused, saying what to remove; the input is kept.
    await fillRequest(page, server.url, 'Pupil with NHS number 943 476 5919 is often hungry.')
    await page.click('button:has-text("Request the consultation")')
    const summary = await text(page, '.govuk-error-summary')
    expect(summary.includes('943 476 5919'), 'an NHS number in a no-named request is refused, naming it (FDS-7)', failures)
    expect((await page.inputValue('#consultee_organisation')) === 'Riverside Primary School', 'the input is kept', failures)
    await checkAccessibility(page, 'refused no-named request', failures)

    // FDS-3: a significant-harm indicator sends the caller to an urgent Request for Support.
    await fillRequest(page, server.url, concern)
    await page.check('input[name="indicators"][value="disclosed-abuse"]')
    await page.click('button:has-text("Request the consultation")')
    expect((await text(page, '#refusal-route')).includes('urgent Request for Support'), 'significant harm is redirected to an urgent Request for Support (FDS-3)', failures)
    expect(await page.isChecked('input[type="checkbox"][name="indicators"][value="disclosed-abuse"]'), 'the ticked indicator is kept', failures)
    expect(await page.isVisible('#make-referral'), 'the refusal offers the referral form, opened with what was typed', failures)
    await checkAccessibility(page, 'significant-harm refusal', failures)

    // The social worker calls back and records the consultation (FDS-8); the consultee gets the number (FDS-9).
    const worker = await (await browser.newContext()).newPage()
    await signIn(worker, server.url, 'worker')
    await worker.goto(server.url + '/consultations')
    await checkAccessibility(worker, 'consultation call-back queue', failures)
    await worker.click(`a:has-text("${number}")`)
    await worker.fill('#questions', 'Is hunger on its own enough to refer?')
    await worker.fill('#advice', 'Talk to the family about the breakfast club; make a Request for Support if it continues.')
    await worker.click('button:has-text("Record the consultation")')
    expect((await text(worker, '.govuk-notification-banner')).includes('Consultation recorded'), 'the social worker records the consultation (FDS-8)', failures)
    await checkAccessibility(worker, 'recorded consultation', failures)
    const sent = (await mail.waitForTo('dsl@riverside.kent.gov.uk')).map(m => decodeBody(m.data))
    expect(sent.some(body => body.includes(number)), 'the consultee is e-mailed the consultation number (FDS-9)', failures)
    expect(!sent.some(body => body.includes('breakfast club')), 'the e-mail never carries the record (FDS-8)', failures)
  })

  // 16:01 the same Friday: closed, with Monday's opening.
  await withServer(browser, '2026-11-27T16:01:00Z', mail.url, async (page, server) => {
    await fillRequest(page, server.url, concern)
    await page.click('button:has-text("Request the consultation")')
    const route = await text(page, '#refusal-route')
    expect(route.includes('30 November 2026 at 10am') || route.includes('30 November 2026 at 10:00am'), `16:01 on a Friday: refused with Monday's opening (${route})`, failures)
    await page.screenshot({ path: join(buildDir, 'consultation-closed.png'), fullPage: true })
    await checkAccessibility(page, 'closed line', failures)
  })

  // Friday 28 May 2027, 16:01 BST: Monday 31 May is a bank holiday, so the line opens on Tuesday.
  await withServer(browser, '2027-05-28T15:01:00Z', mail.url, async (page, server) => {
    await fillRequest(page, server.url, concern)
    await page.click('button:has-text("Request the consultation")')
    const route = await text(page, '#refusal-route')
    expect(route.includes('1 June 2027'), `before a bank holiday Monday: refused with Tuesday's opening (${route})`, failures)
  })
}, { mail })
