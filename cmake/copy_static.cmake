# Copies the project's static files and GOV.UK Frontend's built assets into DST.
file(MAKE_DIRECTORY ${DST})
file(COPY ${SRC}/static/ DESTINATION ${DST})
set(govuk ${SRC}/node_modules/govuk-frontend/dist/govuk)
if(NOT EXISTS ${govuk}/govuk-frontend.min.css)
  message(FATAL_ERROR "govuk-frontend is missing: run scripts/bootstrap (npm ci)")
endif()
file(COPY ${govuk}/govuk-frontend.min.css ${govuk}/govuk-frontend.min.js ${govuk}/assets
     DESTINATION ${DST}/govuk)
