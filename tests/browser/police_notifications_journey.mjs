// Police domestic-abuse notifications in real Chromium (issue 12 points 4 and 5). A contact officer
// pastes a force's CSV into the upload page: the bad row is listed by its row number and field, the
// good rows are imported. A team manager opens the triage queue (urgent first), ticks the standard
// and medium ones and closes them in one decision with one reason; tries to close the high-risk one as
// information only and is told it cannot be; opens a contact for it instead and the queue is empty.
// axe must find no violations on the upload page, its report, the queue and the queue with errors.
import { runJourney, startServer, expect, signIn, checkAccessibility, openWatchedPage, textOf } from './harness.mjs'

const failures = []
const text = textOf

const now = new Date(Date.now() - 3600 * 1000)
const at = hoursAgo => new Date(now.getTime() - hoursAgo * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
const csv = [
  'force_reference,notified_at,risk_level,incident_summary,officer,officer_email,children,adults',
  `BRW-001,${at(5)},standard,"Neighbours heard shouting, no one hurt",PC 12 Lane,p.lane@example.police.uk,Leo|Brook|2018-03-02|4 Mill Lane,Sam Brook|alleged perpetrator`,
  `BRW-002,${at(6)},medium,"Argument, a door was broken; children asleep",PC 12 Lane,p.lane@example.police.uk,Ava|Stone|2015-07-19|9 Elm Road,`,
  `BRW-003,${at(7)},severe,"Not a real risk level",PC 12 Lane,p.lane@example.police.uk,Ivy|Hart|2016-01-01|1 Oak Way,`,
  `BRW-004,${at(2)},high,"Assault, strangulation reported; two children present",PC 7 Moss,k.moss@example.police.uk,Mia|Example|2017-05-14|12 Orchard Way;Noah|Example|2019-09-09|12 Orchard Way,Sam Example|alleged perpetrator;Jo Example|victim`
].join('\n') + '\n'

const server = await startServer()
await runJourney('police notifications journey', failures, async browser => {
  const { page, consoleErrors, scriptErrors } = await openWatchedPage(browser)

  // The contact officer uploads the force's batch.
  await signIn(page, server.url, 'officer')
  await page.click('a:has-text("Police domestic abuse notifications")')
  await page.click('a:has-text("Upload a force\'s batch")')
  expect((await text(page, 'h1')).includes('Upload a force'), 'the upload page opens', failures)
  await checkAccessibility(page, 'upload page', failures, { strict: true })
  await page.fill('#csv', csv)
  await page.click('button:has-text("Import the notifications")')
  await page.waitForSelector('#report-summary')
  const summary = await text(page, '#report-summary')
  expect(summary.includes('4 rows: 3 imported, 0 already received, 1 refused'), `the report counts the rows (${summary.trim()})`, failures)
  const problems = await text(page, '#problems')
  expect(problems.includes('BRW-003') && problems.includes('the risk level') && !problems.includes('risk_level') && problems.includes('standard, medium or high'),
    'the bad row is listed with its field in words and why', failures)
  expect(await page.locator('#problems tbody tr th:first-child').first().innerText() === '3', 'by its row number', failures)
  await checkAccessibility(page, 'upload report', failures, { strict: true })
  // Pasting it again imports nothing twice.
  await page.fill('#csv', csv)
  await page.click('button:has-text("Import the notifications")')
  await page.waitForSelector('#report-summary')
  expect((await text(page, '#report-summary')).includes('0 imported, 3 already received, 1 refused'), 'a resent batch imports nothing', failures)

  // The team manager triages.
  const managerContext = await browser.newContext()
  const manager = await managerContext.newPage()
  await signIn(manager, server.url, 'manager')
  await manager.click('a:has-text("Police domestic abuse notifications")')
  expect((await text(manager, '#queue-summary')).includes('3 notifications awaiting triage'), 'three await triage', failures)
  const order = await manager.locator('.app-police-notification').evaluateAll(items => items.map(i => i.dataset.reference))
  expect(JSON.stringify(order) === JSON.stringify(['BRW-004', 'BRW-002', 'BRW-001']), `urgent first, then medium, then standard (${order})`, failures)
  expect((await text(manager, '#notifications')).includes('cannot be closed as information only'), 'the high-risk one says so', failures)
  await checkAccessibility(manager, 'triage queue', failures, { strict: true })

  const idOf = async reference => manager.locator(`.app-police-notification[data-reference="${reference}"] input`).getAttribute('value')
  const [high, medium, standard] = [await idOf('BRW-004'), await idOf('BRW-002'), await idOf('BRW-001')]
  await manager.check(`#notification-${medium}`)
  await manager.check(`#notification-${standard}`)
  await manager.check('#decision')  // the first radio: information only
  await manager.fill('#reason', "Information only, no children's services role")
  await manager.click('button:has-text("Record the decision")')
  await manager.waitForSelector('#decided')
  expect((await text(manager, '#decided')).includes('2 notifications were decided'), 'two closed in one decision', failures)
  expect((await text(manager, '#queue-summary')).includes('1 notification awaiting triage'), 'one is left', failures)

  // The high-risk one cannot be closed as information only.
  await manager.check(`#notification-${high}`)
  await manager.check('#decision')
  await manager.fill('#reason', 'No role')
  await manager.click('button:has-text("Record the decision")')
  await manager.waitForSelector('.govuk-error-summary')
  expect((await text(manager, '.govuk-error-summary')).includes('BRW-004 is high risk'), 'high risk is refused, named', failures)
  expect(await manager.isChecked(`#notification-${high}`), 'the ticked notification stays ticked', failures)
  await checkAccessibility(manager, 'triage queue with errors', failures, { strict: true })
  await manager.check('#decision-open-contact')
  await manager.fill('#reason', 'High risk: screen today')
  await manager.click('button:has-text("Record the decision")')
  await manager.waitForSelector('#decided')
  expect((await text(manager, '#decided')).includes('1 notification was decided'), 'a contact is opened for it', failures)
  expect((await text(manager, 'main')).includes('There are no notifications awaiting triage'), 'the queue is empty', failures)
  const opened = await (await manager.request.get(`${server.url}/api/v1/police-notifications?status=contact-opened`)).json()
  const reference = opened.items.length === 1 ? opened.items[0].contact.reference : ''
  expect(reference !== '' && opened.items[0].decision.reason === 'High risk: screen today', `the notification names its contact (${reference})`, failures)
  await manager.goto(`${server.url}/contacts`)
  expect(reference !== '' && (await text(manager, 'main')).includes(reference), 'the new contact is in the contacts list', failures)
  await managerContext.close()

  const errors = consoleErrors.filter(e => !e.includes('/favicon.ico'))
  expect(errors.length === 0, `no console errors, no CSP refusals (${errors.join('; ')})`, failures)
  expect(scriptErrors.length === 0, `no script errors (${scriptErrors.join('; ')})`, failures)
}, { server })
