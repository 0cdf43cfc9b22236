// The people register through its pages in real Chromium (issue 7). A social worker adds two
// brothers and sisters to the register with "Add a person", then on one child's register view adds
// a previous name, an address (which puts the child in the sibling's household), a relationship to
// the sibling found with the typed register search, and an involvement — and sees each on the view:
// other names, addresses, the family and household tables, the involvement history. A refused form
// comes back with the error summary and what was typed. A team manager then merges a duplicate
// record of the sibling into theirs, sees the merged view, undoes the merge and sees both records
// again. axe finds no serious or critical violations on any of these pages.
import { runJourney, startServer, checkAccessibility, signIn, expect, openWatchedPage, textOf } from './harness.mjs'

const failures = []
const text = textOf
const personId = page => Number((/\/people\/(\d+)/.exec(new URL(page.url()).pathname) || [])[1] || 0)

// "Add a person": fills the form and returns the new record's number from the page it lands on.
async function addPerson (page, url, person) {
  await page.goto(url + '/people/new')
  await page.fill('#first_names', person.first)
  await page.fill('#last_name', person.last)
  const [day, month, year] = person.born
  await page.fill('#date_of_birth-day', String(day))
  await page.fill('#date_of_birth-month', String(month))
  await page.fill('#date_of_birth-year', String(year))
  if (person.address) await page.fill('#address', person.address)
  await page.click('button:has-text("Add to the register")')
  await page.waitForURL(/\/people\/\d+\?done=recorded/)
  return personId(page)
}

async function fillDate (page, name, [day, month, year]) {
  await page.fill(`#${name}-day`, String(day))
  await page.fill(`#${name}-month`, String(month))
  await page.fill(`#${name}-year`, String(year))
}

const server = await startServer()
await runJourney('register journey', failures, async browser => {
  const { page, consoleErrors, scriptErrors } = await openWatchedPage(browser)

  // --- the social worker --------------------------------------------------------------------------
  await signIn(page, server.url, 'worker')
  await page.goto(server.url + '/people/new')
  expect((await text(page, 'h1')).includes('Add a person to the register'), 'the "Add a person" page opens', failures)
  await checkAccessibility(page, 'add a person', failures)
  await page.fill('#first_names', 'Ruby')
  await page.fill('#date_of_birth-day', '31')
  await page.fill('#date_of_birth-month', '2')
  await page.fill('#date_of_birth-year', '2016')
  await page.click('button:has-text("Add to the register")')
  const summary = await text(page, '.govuk-error-summary')
  expect(summary.includes('last name'), 'a refused person names the missing last name', failures)
  expect(summary.includes('real date'), 'and the date that does not exist', failures)
  expect(await page.inputValue('#first_names') === 'Ruby', 'what was typed is kept', failures)
  await checkAccessibility(page, 'add a person with errors', failures)

  const ruby = await addPerson(page, server.url, { first: 'Ruby', last: 'Brook', born: [2, 3, 2016], address: '4 Mill Lane, Exampleton EX2 4CD' })
  expect(ruby > 0 && (await text(page, '.govuk-notification-banner')).includes('Person added'), `Ruby Brook is on the register (person ${ruby})`, failures)
  const finn = await addPerson(page, server.url, { first: 'Finn', last: 'Brook', born: [8, 7, 2019] })
  expect(finn > 0 && (await text(page, 'h1')).includes('Finn Brook'), `Finn Brook's register view opens (person ${finn})`, failures)
  await checkAccessibility(page, 'register view of a new person', failures)

  // A previous name.
  await page.click('#add-name')
  await checkAccessibility(page, 'add a name', failures)
  await page.check('#kind')  // "Previous name", the group's first radio
  await page.fill('#first_names', 'Finn')
  await page.fill('#last_name', 'Carter')
  await fillDate(page, 'to_date', [31, 5, 2021])
  await page.click('button:has-text("Add the name")')
  await page.waitForURL(/done=name/)
  expect((await text(page, '#names + dl')).includes('Finn Carter'), 'the previous name shows under Other names', failures)

  // An address: the one Ruby lives at, so Finn joins her household.
  await page.click('#add-address')
  await page.fill('#address', '4 Mill Lane, Exampleton EX2 4CD')
  await fillDate(page, 'from_date', [3, 4, 2022])
  await checkAccessibility(page, 'add an address', failures)
  await page.click('button:has-text("Add the address")')
  await page.waitForURL(/done=address/)
  expect((await text(page, '#addresses + dl')).includes('4 Mill Lane'), 'the address shows under Addresses, current', failures)
  // RULE KCR-10, HCR-30: the household is who lives at the same address, each with whether known.
  const household = await text(page, '#household-table')
  expect(household.includes('Ruby Brook'), 'Ruby shows in Finn\'s household', failures)
  expect(household.includes('Not known'), 'with whether she is known to children\'s services', failures)

  // A relationship to the sibling, found by typing her name.
  await page.click('#add-relationship')
  await page.check('#relation')  // "Brother or sister", the group's first radio
  // The page's script adds the search once it has run: wait for it, rather than look at once (on a busy
  // machine the script may not have run by the time the radio is checked).
  const searchShown = await page.locator('#search-last_name').waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false)
  expect(searchShown, 'with JavaScript the form offers a search by name', failures)
  await page.type('#search-first_names', 'Ruby', { delay: 20 })
  await page.type('#search-last_name', 'Brook', { delay: 20 })
  const choose = page.locator('[data-app-person-search] button', { hasText: 'Choose Ruby Brook' })
  await choose.first().waitFor({ timeout: 15000 })
  await checkAccessibility(page, 'add a relationship with matches', failures)
  await choose.first().click()
  expect(await page.inputValue('#related_person_id') === String(ruby), 'choosing her fills in her person number', failures)
  await page.click('button:has-text("Add the relationship")')
  await page.waitForURL(/done=relationship/)
  // RULE KCR-10: the register shows the child's brothers and sisters, with a link to each record.
  const family = await text(page, '#family-table')
  expect(family.includes('Brother or sister') && family.includes('Ruby Brook'), 'Ruby shows in Finn\'s family as his sister', failures)
  expect(await page.isVisible(`#family-table a[href="/people/${ruby}"]`), 'the family links to her record', failures)

  // An involvement: refused without its kind, then added, open and allocated.
  await page.click('#add-involvement')
  await fillDate(page, 'started_on', [10, 2, 2026])
  await page.fill('#reference', 'FD-2026-000123')
  await page.click('button:has-text("Add the involvement")')
  expect((await text(page, '.govuk-error-summary')).includes('Choose what kind of involvement'), 'an involvement without its kind is refused by name', failures)
  expect(await page.inputValue('#reference') === 'FD-2026-000123', 'the reference typed is kept', failures)
  expect(await page.inputValue('#started_on-year') === '2026', 'the start date typed is kept', failures)
  await checkAccessibility(page, 'add an involvement with errors', failures)
  await page.check('#kind-assessment')
  await page.selectOption('#allocated_user_id', { label: 'Sam Social' })
  await page.fill('#summary', 'Assessment after a school contact')
  await page.click('button:has-text("Add the involvement")')
  await page.waitForURL(/done=involvement/)
  // RULE KCR-10: the involvement history, open or closed, and who holds an open case.
  const history = await text(page, '#involvement-table')
  expect(history.includes('Assessment') && history.includes('10 February 2026'), 'the involvement shows in the history', failures)
  expect(history.includes('Open') && history.includes('Sam Social, Front Door'), 'open, with the allocated worker and team', failures)
  expect((await text(page, '#person-tags')).includes('Open case'), 'Finn now shows as an open case', failures)
  await checkAccessibility(page, 'register view with name, address, sibling and involvement', failures)

  // From Ruby's record Finn is her brother and in her household.
  await page.goto(`${server.url}/people/${ruby}`)
  expect((await text(page, '#family-table')).includes('Finn Brook'), 'Ruby\'s family shows Finn', failures)
  expect((await text(page, '#household-table')).includes('Finn Brook'), 'Ruby\'s household shows Finn', failures)

  // --- the team manager ---------------------------------------------------------------------------
  const managerContext = await browser.newContext()
  const manager = await managerContext.newPage()
  manager.on('console', m => { if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url || ''}`) })
  manager.on('pageerror', e => scriptErrors.push(e.message))
  await signIn(manager, server.url, 'manager')
  // A second record of Ruby, misspelt, with an address the first does not have.
  const rubi = await addPerson(manager, server.url, { first: 'Rubi', last: 'Brook', born: [2, 3, 2016], address: '9 Quay Street, Exampleton EX4 9ZZ' })
  expect(rubi > 0, `a duplicate record of Ruby exists (person ${rubi})`, failures)

  await manager.goto(`${server.url}/people/${ruby}`)
  await manager.click('#merge-link')
  await checkAccessibility(manager, 'merge form', failures)
  await manager.fill('#merged_person_id', String(rubi))
  await manager.fill('#reason', 'The same child: same date of birth and family, name misspelt on the second record')
  await manager.click('button:has-text("Merge the records")')
  await manager.waitForURL(/\/people\/merges\/\d+\?done=merged/)
  const mergePath = new URL(manager.url()).pathname
  expect((await text(manager, '.govuk-notification-banner')).includes('Records merged'), 'the records are merged', failures)
  expect(await manager.isVisible('#undo-merge'), 'the merge page offers to undo it', failures)
  await checkAccessibility(manager, 'merge page', failures)

  await manager.click(`a[href="/people/${ruby}"]`)
  expect((await text(manager, '#addresses + dl')).includes('9 Quay Street'), 'the merged view has the duplicate\'s address', failures)
  expect((await text(manager, '#merges + ul')).includes(`Person ${rubi} merged into person ${ruby}`), 'and lists the merge', failures)
  expect((await text(manager, '#family-table')).includes('Finn Brook'), 'and keeps Ruby\'s family', failures)
  await checkAccessibility(manager, 'merged register view', failures)
  await manager.goto(`${server.url}/people/${rubi}`)
  expect((await text(manager, '#merged-into')).includes(`person ${ruby}`), 'the duplicate says it was merged into Ruby\'s record', failures)

  await manager.goto(server.url + mergePath)
  await manager.click('#undo-merge')
  await manager.waitForURL(/done=undone/)
  expect((await text(manager, '.govuk-notification-banner')).includes('Merge undone'), 'the merge is undone', failures)
  await manager.goto(`${server.url}/people/${ruby}`)
  expect(!(await text(manager, '#addresses + dl')).includes('9 Quay Street'), 'Ruby\'s record no longer has the duplicate\'s address', failures)
  await manager.goto(`${server.url}/people/${rubi}`)
  expect(!(await manager.isVisible('#merged-into')), 'the duplicate is a record of its own again', failures)
  expect((await text(manager, 'h1')).includes('Rubi Brook') && (await text(manager, '#addresses + dl')).includes('9 Quay Street'),
    'with its own name and address', failures)
  await checkAccessibility(manager, 'register view after the undo', failures)
  await managerContext.close()

  // The social worker may not merge: no link, and the form is refused.
  await page.goto(`${server.url}/people/${ruby}`)
  expect(!(await page.isVisible('#merge-link')), 'a social worker is not offered a merge', failures)

  // A contact officer sees the register view without any of the forms.
  const officerContext = await browser.newContext()
  const officer = await officerContext.newPage()
  await signIn(officer, server.url, 'officer')
  await officer.goto(`${server.url}/people/${finn}`)
  expect((await text(officer, 'h1')).includes('Finn Brook'), 'a contact officer sees the register view', failures)
  expect(await officer.locator('#add-name, #add-address, #add-relationship, #add-involvement').count() === 0,
    'without links to the forms', failures)
  const refused = await officer.goto(`${server.url}/people/${finn}/names/new`)
  expect(refused.status() === 403, 'and is refused the forms (403)', failures)
  await officerContext.close()

  // The two refused forms above answer 422 (the form again, with its errors), which Chromium logs.
  const errors = consoleErrors.filter(e => !e.includes('/favicon.ico') && !e.includes('status of 422'))
  expect(errors.length === 0, `no console errors (${errors.join('; ')})`, failures)
  expect(scriptErrors.length === 0, `no script errors (${scriptErrors.join('; ')})`, failures)
}, { server })
