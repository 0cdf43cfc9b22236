// Marks the page as JavaScript-capable and starts GOV.UK Frontend's components. An external module
// rather than inline script, because the Content-Security-Policy allows scripts from 'self' only.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported')
initAll()
