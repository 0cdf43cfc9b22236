// "Is this child known?" as the contact form is typed (KCR-10): a contact officer types a demo
// child's name with a typo and sees the register's candidate under the child, with how likely it
// is, why it matched and who holds the case; the page stays accessible (axe) with the matches
// shown. The same on the named consultation request form. Without JavaScript the form is unchanged.
import { join } from 'node:path'
import { runJourney, startServer, checkAccessibility, expect, buildDir } from './harness.mjs'

const failures = []
const server = await startServer()
await runJourney('person search journey', failures, async browser => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const consoleErrors = []
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url || ''}`) })
  const searches = []
  page.on('request', r => { if (r.url().includes('/api/v1/people/search')) searches.push(r.url()) })

  await page.goto(server.url + '/sign-in')
  await page.fill('#username', 'officer')
  await page.fill('#password', 'frontdoor-demo')
  await page.click('button:has-text("Sign in")')
  await page.goto(server.url + '/contacts/new')
  expect((await page.textContent('h1')).includes('Record a contact'), 'the contact form opens', failures)
  const region = '[data-app-person-search]'
  expect(await page.getAttribute(region, 'aria-live') === 'polite', 'each child has a polite live region for matches', failures)

  // Mia Example is on the demo register; the surname is typed with its last letters swapped.
  await page.type('#children-0-first_names', 'Mia', { delay: 20 })
  await page.type('#children-0-last_name', 'Exampel', { delay: 20 })
  await page.fill('#children-0-dob-day', '14')
  await page.fill('#children-0-dob-month', '5')
  await page.fill('#children-0-dob-year', '2017')
  await page.waitForSelector(`${region} .app-person-match`, { timeout: 10000 })
  // Wait for the search that includes the date of birth: on a slow machine an earlier search (names
  // only, fired while the date was still being typed) may show first and is then replaced.
  await page.waitForFunction(sel => document.querySelector(sel).textContent.includes('Date of birth: 14/05/2017 on both'),
    region, { timeout: 15000 }).catch(() => {})
  const shown = await page.textContent(region)
  expect(shown.includes('Possible matches on the register'), 'the matches are headed "Possible matches"', failures)
  expect(shown.includes('Mia Example'), 'the candidate is named: Mia Example', failures)
  expect(shown.includes('born 14 May 2017'), 'the candidate\'s date of birth is shown', failures)
  expect(shown.includes('very likely'), 'the probability is given in words: very likely', failures)
  expect(/Last name: "exampel" and "example" are spelt alike/.test(shown), 'why it matched: the surname is spelt alike', failures)
  expect(shown.includes('Date of birth: 14/05/2017 on both'), 'why it matched: the date of birth agrees', failures)
  expect(shown.includes('Not open to children\'s services now'), 'whether the case is open is shown', failures)
  expect(searches.length <= 4, `typing is debounced (${searches.length} searches for 13 keystrokes and boxes)`, failures)
  await page.locator('.app-child').first().screenshot({ path: join(buildDir, 'person-search.png') })
  await checkAccessibility(page, 'contact form with possible matches', failures)

  // A second child with an open case: who holds it is shown.
  await page.click('button:has-text("Add another child")')
  await page.type('#children-1-first_names', 'Tia', { delay: 20 })
  await page.type('#children-1-last_name', 'Sampel', { delay: 20 })
  await page.fill('#children-1-dob-day', '3')
  await page.fill('#children-1-dob-month', '10')
  await page.fill('#children-1-dob-year', '2012')
  const second = '[data-app-person-search][data-first-names="children-1-first_names"]'
  await page.waitForFunction(sel => document.querySelector(sel).textContent.includes('Tia Sample'), second,
    { timeout: 10000 })
  const open = await page.textContent(second)
  expect(open.includes('Open: allocated to Sam Social, Front Door'), 'the allocated worker and team are shown', failures)

  // Clearing the names clears the matches.
  await page.fill('#children-1-first_names', '')
  await page.fill('#children-1-last_name', '')
  await page.fill('#children-1-dob-day', '')
  await page.waitForFunction(sel => document.querySelector(sel).textContent.trim() === '', second, { timeout: 10000 })
  expect(true, 'clearing the child clears the matches', failures)

  // A name nobody has: the officer is told so, rather than left wondering.
  await page.fill('#children-1-first_names', 'Zebedee')
  await page.fill('#children-1-last_name', 'Quixote')
  await page.waitForFunction(sel => document.querySelector(sel).textContent.includes('No one on the register'), second,
    { timeout: 10000 })
  expect(true, 'a name nobody has says no one matches', failures)

  // The named consultation request form: Hertfordshire's Consultation Hub names the child.
  const herts = await startServer({ policy: 'hertfordshire' })
  try {
    const hub = await context.newPage()
    await hub.goto(herts.url + '/sign-in')
    await hub.fill('#username', 'officer')
    await hub.fill('#password', 'frontdoor-demo')
    await hub.click('button:has-text("Sign in")')
    await hub.goto(herts.url + '/consultations/new')
    expect(await hub.isVisible('#child-first_names'), 'the named consultation form asks for the child', failures)
    await hub.fill('#child-first_names', 'Mia')
    await hub.fill('#child-last_name', 'Exampel')
    await hub.fill('#child-date_of_birth-day', '14')
    await hub.fill('#child-date_of_birth-month', '5')
    await hub.fill('#child-date_of_birth-year', '2017')
    await hub.waitForFunction(sel => (document.querySelector(sel)?.textContent || '').includes('Mia Example'), region,
      { timeout: 10000 })
    expect((await hub.textContent(region)).includes('very likely'), 'the consultation form shows the match too', failures)
    await checkAccessibility(hub, 'consultation form with possible matches', failures)
    await hub.close()
  } finally {
    await herts.stop()
  }

  // Without JavaScript the contact form is the same form, with nothing added.
  const plain = await browser.newContext({ javaScriptEnabled: false })
  const noScript = await plain.newPage()
  await noScript.goto(server.url + '/sign-in')
  await noScript.fill('#username', 'officer')
  await noScript.fill('#password', 'frontdoor-demo')
  await noScript.click('button:has-text("Sign in")')
  await noScript.goto(server.url + '/contacts/new')
  expect((await noScript.textContent(region)).trim() === '', 'without JavaScript the region stays empty', failures)
  expect(await noScript.isVisible('button:has-text("Record contact")'), 'without JavaScript the form still records', failures)
  await plain.close()

  // The public portal never offers the register search.
  const portal = await browser.newContext()
  const portalPage = await portal.newPage()
  await portalPage.goto(server.url + '/request-for-support')
  expect(await portalPage.isVisible('#children-0-first_names'), 'the public portal form opens', failures)
  expect(await portalPage.locator(region).count() === 0, 'the public portal has no register search', failures)
  await portal.close()

  // The browser's own favicon request is the server's 404, not the page's.
  const errors = consoleErrors.filter(e => !e.includes('/favicon.ico'))
  expect(errors.length === 0, `no console errors (${errors.join('; ')})`, failures)
}, { server })
