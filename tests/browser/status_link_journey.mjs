// A referrer follows their contact through the status link in their e-mail, in real Chromium and
// without signing in (issue 12 point 3): a police officer's link says "Received" and then, once a
// manager has authorised the outcome, the outcome and where it went (KCR-17, HCR-24, HCR-33); a
// member of the public's link, after the decision, says only that it was acted on. Staff then
// revoke a link on the contact page with a reason, and the referrer's page says it no longer works.
// Hertfordshire pack. Every page is checked with axe.
import { runJourney, startServer, startMailSink, decodeBody, openWatchedPage, checkAccessibility, signIn, expect, textOf } from './harness.mjs'

const failures = []
const mail = await startMailSink()
const server = await startServer({ smtpUrl: mail.url, policy: 'hertfordshire' })

// A signed-in API session for the staff steps the journey does not watch (node's fetch).
async function session (username) {
  const reply = await fetch(server.url + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'frontdoor-demo' })
  })
  const cookie = (reply.headers.get('set-cookie') || '').split(';')[0]
  const { csrf_token: csrf } = await reply.json()
  return async (method, path, body) => {
    const r = await fetch(server.url + path, {
      method, headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await r.text()
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : {}
  }
}

async function decide (id, outcome, nextSteps) {
  const worker = await session('worker')
  const manager = await session('manager')
  const base = `/api/v1/contacts/${id}`
  let r = await worker('GET', base)
  r = await worker('POST', base + '/screening/start', { version: r.version })
  r = await worker('PUT', base + '/screening', {
    answers: { nature: 'Neglect', how_arose: 'Seen at school', needs: 'Food', child_location: 'School', last_seen: 'This morning', family_known: 'No' },
    significant_harm: 'no', urgent_action: 'no', crime_possible: 'no', consent: 'informed_only', version: r.version
  })
  r = await worker('POST', base + '/record-checks', { version: r.version })
  r = await worker('POST', base + '/screening/complete', { version: r.version })
  r = await worker('POST', base + '/decision', { outcome, children: [0], rationale: 'Internal reasoning', next_steps: nextSteps, protective_factors: 'Mother engaged; school watching daily', version: r.version })
  await manager('POST', base + '/decision/authorise', { version: r.version })
}

async function linkSentTo (address) {
  const messages = await mail.waitForTo(address)
  const found = messages.map(m => decodeBody(m.data).match(/https?:\/\/\S+(\/status\/[A-Za-z0-9_-]{43})/)).find(Boolean)
  return found ? found[1] : '/status/none'
}

await runJourney('status link journey', failures, async browser => {
  const officer = await session('officer')
  const contact = await officer('POST', '/api/v1/contacts', {
    referrer: { type: 'police', name: 'PC Jo Webb', agency: 'Hertfordshire Constabulary', email: 'jo.webb@herts.pnn.police.uk' },
    children: [{ first_names: 'Ava', last_name: 'Example', date_of_birth: '2016-03-02', gender: 'female' }],
    concern: 'Domestic incident attended last night; child present.',
    intake: { channel: 'email', household: { domestic_abuse: 'yes', mental_illness: 'no', substance_misuse: 'no', learning_difficulties: 'no' } }
  })
  const link = await linkSentTo('jo.webb@herts.pnn.police.uk')
  expect(link !== '/status/none', 'the acknowledgement e-mail carries a status link', failures)

  const referrer = await openWatchedPage(browser)
  const page = referrer.page
  await page.goto(server.url + link)
  expect((await textOf(page, 'h1')).includes(contact.reference), 'the page names the contact by its reference', failures)
  expect((await textOf(page, '#stage')).includes('Received'), 'before screening the stage is Received', failures)
  const before = await textOf(page, 'main')
  expect(!before.includes('Ava') && !before.includes('Domestic incident'), 'nothing of the case is shown', failures)
  await checkAccessibility(page, 'status page, received', failures, { strict: true })

  await decide(contact.id, 'child-and-family-assessment', 'A social worker will visit the family this week')
  await page.reload()
  expect((await textOf(page, '#stage')).includes('Decided'), 'after the decision the stage is Decided', failures)
  const outcome = await textOf(page, '#outcome')
  expect(outcome.includes('A social worker will visit the family this week'), 'the professional sees the next steps', failures)
  expect(outcome.includes('Passed to'), 'the professional sees where it went (HCR-33)', failures)
  expect(!(await textOf(page, 'main')).includes('Internal reasoning'), 'the rationale stays internal', failures)
  await checkAccessibility(page, 'status page, decided (professional)', failures, { strict: true })

  // A member of the public, through the portal: the link is on the receipt; after the decision, the confidential form.
  const pub = await openWatchedPage(browser)
  await pub.page.goto(server.url + '/request-for-support')
  await pub.page.check('#referrer_type-member_of_public')
  await pub.page.fill('#referrer_name', 'Alex Neighbour')
  await pub.page.fill('#referrer_email', 'alex.neighbour@example.com')
  await pub.page.fill('#children-0-first_names', 'Kai')
  await pub.page.fill('#concern', 'Kai is often left alone in the flat overnight.')
  for (const q of ['domestic_abuse', 'mental_illness', 'substance_misuse', 'learning_difficulties']) {
    await pub.page.check(`input[name="household-${q}"][value="no"]`)
  }
  await pub.page.click('button:has-text("Send request")')
  expect(await pub.page.isVisible('#status-link'), 'the receipt links to the status page', failures)
  const reference = ((await textOf(pub.page, '#reference')) || '').trim()
  // The receipt's link is absolute, made from server.public_url; this server listens on a port chosen
  // at start (port 0), so only the link's path is followed.
  const href = await pub.page.getAttribute('#status-link', 'href')
  expect(/\/status\/[A-Za-z0-9_-]{43}$/.test(href || ''), 'the receipt link is a status link', failures)
  await pub.page.goto(server.url + new URL(href).pathname)
  expect((await textOf(pub.page, '#stage')).includes('Received'), 'the public referrer sees Received', failures)
  const found = await officer('GET', '/api/v1/contacts?page=1&page_size=5')
  const theirs = found.items.find(c => c.reference === reference)
  await decide(theirs.id, 'families-first', 'Families First worker to contact the mother')
  await pub.page.reload()
  expect((await textOf(pub.page, '#stage')).includes('Decided'), 'the public referrer sees Decided', failures)
  const shown = await textOf(pub.page, 'main')
  expect(shown.includes('cannot tell you') && !shown.includes('Families First'), 'the public referrer gets only the confidential form (KCR-17)', failures)
  await checkAccessibility(pub.page, 'status page, decided (public)', failures, { strict: true })

  // Staff revoke the police officer's link on the contact page; a refused form keeps nothing lost.
  const staff = await openWatchedPage(browser)
  await signIn(staff.page, server.url, 'officer')
  await staff.page.goto(`${server.url}/contacts/${contact.id}`)
  expect((await textOf(staff.page, '#status-links')).includes('Opened 2 times'), 'staff see how often the link was opened', failures)
  await staff.page.click('a:has-text("Revoke the status link")')
  await checkAccessibility(staff.page, 'revoke form', failures, { strict: true })
  await staff.page.click('button:has-text("Revoke the link")')
  expect(await staff.page.isVisible('.govuk-error-summary'), 'revoking without a reason is refused with the error summary', failures)
  await staff.page.fill('#reason', 'The officer has left the force')
  await staff.page.click('button:has-text("Revoke the link")')
  expect((await textOf(staff.page, '#status-links')).includes('Revoked by'), 'the contact page shows the revocation', failures)
  await page.reload()
  expect((await textOf(page, 'h1')).includes('no longer works'), 'the revoked link says it no longer works', failures)

  for (const w of [referrer, pub, staff]) {
    expect(w.scriptErrors.length === 0, `no script errors (${w.scriptErrors.join('; ')})`, failures)
  }
}, { server, mail })
