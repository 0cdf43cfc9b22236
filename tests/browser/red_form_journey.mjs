// Hertfordshire's red form rule in real Chromium: a school's red form sent without consulting the
// Consultation Hub, and with no sign of imminent risk, is returned to the school with the reason
// (HCR-9, HCR-11) — on the contact page and by e-mail; the same form with an imminent-risk
// indicator goes straight to the front door, urgent (HCR-12, HCR-13).
import { join } from 'node:path'
import { runJourney, startServer, startMailSink, decodeBody, checkAccessibility, expect, buildDir } from './harness.mjs'

const failures = []
const mail = await startMailSink()
const server = await startServer({ policy: 'hertfordshire', smtpUrl: mail.url })

async function recordRedForm (page, withIndicator) {
  await page.goto(server.url + '/contacts/new')
  await page.check('input[name="channel"][value="form"]')
  await page.check('input[name="referrer_type"][value="school"]')
  await page.fill('#referrer_name', 'Priya Shah')
  await page.fill('#referrer_agency', 'Elm Primary School')
  await page.fill('#referrer_email', 'dsl@elm.hertfordshire.gov.uk')
  await page.check('input[name="form"][value="red"]')
  await page.fill('#children-0-first_names', 'Ava')
  await page.fill('#children-0-last_name', 'Example')
  await page.fill('#concern', 'Ava said her stepfather hit her; a mark on her arm.')
  if (withIndicator) await page.check('input[name="indicators"][value="imminent-risk"]')
  await page.click('button:has-text("Record contact")')
}

await runJourney('red form journey', failures, async browser => {
  const page = await (await browser.newContext()).newPage()
  await page.goto(server.url + '/sign-in')
  await page.fill('#username', 'officer')
  await page.fill('#password', 'frontdoor-demo')
  await page.click('button:has-text("Sign in")')

  await recordRedForm(page, false)
  const returned = await page.textContent('main')
  expect(returned.includes('Returned to the sender'), 'the red form without a hub consultation is returned (HCR-9)', failures)
  const reference = (returned.match(/FD-\d{4}-\d{6}/) || [''])[0]
  await page.screenshot({ path: join(buildDir, 'red-form-returned.png'), fullPage: true })
  await checkAccessibility(page, 'returned red form', failures)
  const back = (await mail.waitForTo('dsl@elm.hertfordshire.gov.uk')).find(m => m.data.includes(reference))
  expect(back !== undefined, 'the school is e-mailed that the form was returned', failures)
  if (back) expect(decodeBody(back.data).includes('Consultation Hub'), 'the e-mail says to consult the Hub first', failures)

  await recordRedForm(page, true)
  const urgent = await page.textContent('main')
  expect(!urgent.includes('Returned to the sender'), 'a red form showing imminent risk is never returned', failures)
  expect(urgent.includes('Urgent'), 'it is marked urgent (HCR-12, HCR-13)', failures)
  await checkAccessibility(page, 'urgent red form', failures)
}, { server, mail })
