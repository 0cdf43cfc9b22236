// "Is this child known?" as the form is typed (KCR-10, HCR-30): for each child on the contact form
// and the named consultation form, once a name, a full date of birth or an NHS number has been
// typed, asks GET /api/v1/people/search (same origin, the session cookie) and shows the register's
// possible matches under the child: name, date of birth, how likely, why it matched, and whether
// the case is open and to whom. A restricted record shows only that a record exists and whom to ask.
//
// Progressive enhancement: the page carries an empty live region per child
// ([data-app-person-search], naming the inputs it reads); without JavaScript it stays empty and
// the form works as before. The record check after the contact is recorded is the authority.
//
// On the register's relationship form the region also picks: [data-pick] names the input for the
// chosen person's number, and each match gets a "Choose" button that fills it in. The search boxes
// there sit in a [data-app-person-pick] block that is hidden until this script shows it, so
// without JavaScript the person number is simply typed.
const WAIT_MS = 350 // after the last keystroke, so a search is not sent for every letter
const POSTCODE = /\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b/i
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December']

const valueOf = id => {
  const input = id ? document.getElementById(id) : null
  return input ? input.value.trim() : ''
}

// YYYY-MM-DD from the GOV.UK day/month/year boxes named by data-dob-prefix (every form types a date
// so, none as one ISO box); '' until the date is complete.
function dateOf (region) {
  if (!region.dataset.dobPrefix) return ''
  const day = valueOf(region.dataset.dobPrefix + '-day')
  const month = valueOf(region.dataset.dobPrefix + '-month')
  const year = valueOf(region.dataset.dobPrefix + '-year')
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return ''
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

function queryOf (region) {
  const query = new URLSearchParams()
  const first = valueOf(region.dataset.firstNames)
  const last = valueOf(region.dataset.lastName)
  const dob = dateOf(region)
  const nhs = valueOf(region.dataset.nhsNumber).replace(/[\s-]/g, '')
  const gender = valueOf(region.dataset.gender)
  const postcode = POSTCODE.exec(valueOf(region.dataset.address))
  // Two letters of a name, a whole date or a whole NHS number: less finds only noise.
  if (first.length < 2 && last.length < 2 && !dob && !/^\d{10}$/.test(nhs)) return null
  if (first) query.set('first_names', first)
  if (last) query.set('last_name', last)
  if (dob) query.set('date_of_birth', dob)
  if (/^\d{10}$/.test(nhs)) query.set('nhs_number', nhs)
  if (gender && gender !== 'not_known') query.set('gender', gender)
  if (postcode) query.set('postcode', `${postcode[1]} ${postcode[2]}`)
  query.set('limit', '5')
  return query
}

function element (tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function dateWords (iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '')
  if (!match) return 'date of birth not recorded'
  return `born ${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`
}

function caseWords (c) {
  if (!c.open) return 'Not open to children\'s services now'
  const who = [c.allocated_worker, c.team].filter(Boolean).join(', ')
  return who ? `Open: allocated to ${who}` : 'Open, not yet allocated'
}

// "Choose …": puts the candidate's person number into the input the region picks for.
function chooseButton (c, pick) {
  const button = element('button', 'govuk-button govuk-button--secondary govuk-!-margin-bottom-2',
    `Choose ${c.first_names} ${c.last_name} (person ${c.id})`)
  button.type = 'button'
  button.addEventListener('click', () => {
    const input = document.getElementById(pick)
    if (!input) return
    input.value = String(c.id)
    input.focus()
  })
  return button
}

function candidateItem (c, pick) {
  const item = element('li', 'app-person-match')
  if (c.restricted) {
    const p = element('p', 'govuk-body govuk-!-margin-bottom-1')
    p.append(element('strong', '', 'A record exists.'), ' ', c.ask)
    item.append(p)
    return item
  }
  const title = element('p', 'govuk-body govuk-!-margin-bottom-1')
  const tag = element('strong', `govuk-tag ${c.band === 'likely' ? 'govuk-tag--green' : 'govuk-tag--yellow'}`,
    c.band_words)
  const district = c.postcode_district ? `, ${c.postcode_district}` : ''
  title.append(tag, ' ', element('strong', '', `${c.first_names} ${c.last_name}`),
    `, ${dateWords(c.date_of_birth)}${district}`)
  item.append(title)
  const status = [caseWords(c)]
  if (c.sibling_open) status.push('a brother, sister or half-sibling is open')
  item.append(element('p', 'govuk-body-s govuk-!-margin-bottom-1', status.join('; ')))
  const reasons = element('ul', 'govuk-list govuk-list--bullet govuk-body-s')
  for (const r of c.reasons) if (r.agreement !== 'missing') reasons.append(element('li', '', r.words))
  if (reasons.childElementCount) {
    item.append(element('p', 'govuk-body-s govuk-!-margin-bottom-0', 'Why:'), reasons)
  }
  if (pick && c.id) item.append(chooseButton(c, pick))
  return item
}

function show (region, items) {
  region.replaceChildren()
  const box = element('div', 'govuk-inset-text govuk-!-margin-top-0')
  if (!items.length) {
    box.append(element('p', 'govuk-body-s govuk-!-margin-bottom-0',
      'No one on the register matches what has been typed so far.'))
  } else {
    box.append(element('h3', 'govuk-heading-s govuk-!-margin-bottom-2', 'Possible matches on the register'))
    const list = element('ul', 'govuk-list app-person-matches')
    for (const c of items) list.append(candidateItem(c, region.dataset.pick))
    box.append(list)
    box.append(element('p', 'govuk-body-s govuk-!-margin-bottom-0', region.dataset.pick
      ? 'Choose the person to fill in their number, and check it is them on their record.'
      : 'Check these with the caller. The record check after the contact is recorded confirms who the child is.'))
  }
  region.append(box)
}

function watch (region) {
  if (region.dataset.pick) {
    const block = region.closest('[data-app-person-pick]')
    if (block) block.hidden = false
  }
  let timer = null
  let controller = null
  let shown = ''
  const run = async () => {
    const query = queryOf(region)
    if (controller) controller.abort()
    if (!query) {
      if (shown) region.replaceChildren()
      shown = ''
      return
    }
    controller = new AbortController()
    try {
      const reply = await fetch(`/api/v1/people/search?${query}`, {
        credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: controller.signal
      })
      // 422 (a date that does not exist yet), 401/403: nothing to show rather than an error
      // beside a form the person is still typing.
      if (!reply.ok) {
        if (shown) region.replaceChildren()
        shown = ''
        return
      }
      const body = await reply.json()
      const key = JSON.stringify(body.items)
      // Only a changed answer touches the live region, so screen readers hear news, not repeats.
      if (key !== shown) {
        shown = key
        show(region, body.items)
      }
    } catch (error) {
      if (error.name !== 'AbortError') region.replaceChildren()
    }
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(run, WAIT_MS)
  }
  for (const key of ['firstNames', 'lastName', 'dob', 'nhsNumber', 'address']) {
    const input = region.dataset[key] ? document.getElementById(region.dataset[key]) : null
    if (input) input.addEventListener('input', later)
  }
  if (region.dataset.dobPrefix) {
    for (const part of ['day', 'month', 'year']) {
      const input = document.getElementById(`${region.dataset.dobPrefix}-${part}`)
      if (input) input.addEventListener('input', later)
    }
  }
  const gender = region.dataset.gender ? document.getElementById(region.dataset.gender) : null
  if (gender) gender.addEventListener('change', later)
  run() // a form shown again after an error already holds what was typed
}

for (const region of document.querySelectorAll('[data-app-person-search]')) watch(region)
