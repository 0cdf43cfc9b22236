// Marks the page as JavaScript-capable and starts GOV.UK Frontend's components. An external module
// rather than inline script, because the Content-Security-Policy allows scripts from 'self' only.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported')

// HCR-12/13 on the portal: ticking any significant-harm indicator shows the urgent advice at once,
// before the form is sent. The server's confirmation page remains the authority; without
// JavaScript the advice is shown there.
for (const group of document.querySelectorAll('[data-app-urgent-warning]')) {
  const warning = document.getElementById(group.dataset.appUrgentWarning)
  if (!warning) continue
  const boxes = [...group.querySelectorAll('input[type="checkbox"]')]
  const update = () => { warning.hidden = !boxes.some(box => box.checked) }
  for (const box of boxes) box.addEventListener('change', update)
  update()
}

initAll()
