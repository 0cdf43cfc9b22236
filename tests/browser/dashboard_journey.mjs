// The performance dashboard in real Chromium (issue 9 points 1 and 5). A team manager opens the
// dashboard from the home page, chooses a period with the date boxes (yesterday to today, which
// holds the demo contacts), reads the figures, follows "contacts by source" to the records behind
// it, and opens a contact from there. An analyst sees the same list without links to the records
// they may not open. axe must find no violations at all on the dashboard (with every data table
// opened) or the records page, and the Content-Security-Policy must refuse nothing: the charts are
// SVG styled by class from static/dashboard.css, with no inline style or script.
import { runJourney, startServer, expect, signIn, checkAccessibility, openWatchedPage, textOf } from './harness.mjs'

const failures = []

const text = textOf

// A date's day, month and year in the authority's zone, as the date boxes take them.
function londonParts (date) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(date)
  const get = type => String(Number(parts.find(p => p.type === type).value))
  return { day: get('day'), month: get('month'), year: get('year') }
}

const server = await startServer()
await runJourney('dashboard journey', failures, async browser => {
  const { page, consoleErrors, scriptErrors } = await openWatchedPage(browser)

  await signIn(page, server.url, 'manager')
  await page.click('a:has-text("Performance dashboard")')
  expect(new URL(page.url()).pathname === '/dashboard', 'the home page links the dashboard', failures)
  expect((await text(page, 'h1')).includes('Performance dashboard'), 'the dashboard opens (the last complete month)', failures)
  expect(await page.getAttribute('a:has-text("Statutory returns")', 'href') === '/reports', 'it links the statutory returns', failures)
  await checkAccessibility(page, 'dashboard, last month', failures, { strict: true })

  // Yesterday to today: the demo contacts were recorded when the server was seeded.
  const from = londonParts(new Date(Date.now() - 24 * 3600 * 1000))
  const to = londonParts(new Date())
  for (const [name, parts] of [['from', from], ['to', to]]) {
    await page.fill(`#${name}-day`, parts.day)
    await page.fill(`#${name}-month`, parts.month)
    await page.fill(`#${name}-year`, parts.year)
  }
  await page.click('#show-figures')
  await page.waitForSelector('#period')
  const period = await text(page, '#period')
  expect(period.includes('all teams'), `the period chosen is shown (${period.trim().split('\n')[0]})`, failures)
  const sourceLink = await text(page, '#records-contacts-by-source')
  expect(sourceLink.includes('See the 3 contacts'), `contacts by source counts the 3 demo contacts (${sourceLink.trim()})`, failures)
  // Ten figures; the demo runs on Kent's procedures, which set no time to acknowledge a contact, so
  // the acknowledgement rate (Hertfordshire's HCR-22) is not drawn: nine charts.
  expect(await page.locator('svg.app-chart[role="img"]').count() === 9, 'every figure has its chart', failures)
  expect(await page.locator('svg.app-chart title').count() === 9, 'each chart with a title', failures)
  expect(await page.locator('svg.app-chart desc').count() === 9, 'and a description', failures)
  expect(await page.locator('#chart-acknowledgements-in-time').count() === 0,
    "no acknowledgement rate under Kent's procedures (HCR-22)", failures)
  // The charts are drawn: a bar's colour comes from the stylesheet, not an inline style.
  const fill = await page.locator('#chart-contacts-by-source .app-chart__bar').first()
    .evaluate(el => getComputedStyle(el).fill)
  expect(fill === 'rgb(29, 112, 184)', `the bars are coloured by class (${fill})`, failures)
  // Open every data table, so axe checks them too.
  for (const summary of await page.locator('details.govuk-details summary').all()) await summary.click()
  expect(await page.locator('details.govuk-details[open]').count() >= 10, 'the data tables open', failures)
  await checkAccessibility(page, 'dashboard with figures and tables open', failures, { strict: true })

  // Follow a figure to its records, then a record to the contact.
  await page.click('#records-contacts-by-source')
  await page.waitForURL(/\/dashboard\/records\?figure=contacts-by-source/)
  expect((await text(page, 'h1')).includes('Contacts by source'), 'the records page names the figure', failures)
  expect((await text(page, '#records-summary')).includes('3 records'), 'it lists the 3 records', failures)
  expect(await page.locator('#records tbody tr').count() === 3, 'one row each', failures)
  expect((await text(page, '#records')).includes('Mia Example'), "it names the children", failures)
  await checkAccessibility(page, 'records behind a figure', failures, { strict: true })
  const reference = (await text(page, '#records tbody tr:first-child td:first-child a')).trim()
  await page.click('#records tbody tr:first-child td:first-child a')
  await page.waitForURL(/\/contacts\/\d+$/)
  expect((await text(page, '.govuk-caption-l')).includes(reference), `the record opens the contact (${reference})`, failures)
  expect((await text(page, 'h1')).includes('Contact about'), 'the contact page is shown', failures)

  // An analyst sees the figures and the list, but no links to records they may not open.
  const analystContext = await browser.newContext()
  const analyst = await analystContext.newPage()
  await signIn(analyst, server.url, 'analyst')
  const query = `from=${from.year}-${from.month.padStart(2, '0')}-${from.day.padStart(2, '0')}&to=${to.year}-${to.month.padStart(2, '0')}-${to.day.padStart(2, '0')}`
  await analyst.goto(`${server.url}/dashboard/records?figure=contacts-by-source&${query}`)
  expect(await analyst.locator('#records tbody tr').count() === 3, 'an analyst sees the list', failures)
  expect(await analyst.locator('#records tbody a').count() === 0, 'without links to the contacts', failures)
  await analystContext.close()

  const errors = consoleErrors.filter(e => !e.includes('/favicon.ico'))
  expect(errors.length === 0, `no console errors, no CSP refusals (${errors.join('; ')})`, failures)
  expect(scriptErrors.length === 0, `no script errors (${scriptErrors.join('; ')})`, failures)
}, { server })
