#!/usr/bin/env python3
"""Writes the hand-made seeds of the app harnesses (api_json, form_body) into corpus/<target>/.

A seed is: one byte choosing the route (its number in the list the harness prints with
FD_FUZZ_LIST_ROUTES=1), one byte choosing the role among those the route lets in, then the body.
Every route gets a near-empty body and a body with the fields most routes read; the main create
routes get a complete valid body (from the API tests). Run after adding routes:

  printf '\0\0{}' > /tmp/any-input
  FD_FUZZ_LIST_ROUTES=1 build/tests/fuzz/fuzz_api_json /tmp/any-input 2>&1 \
    | grep -E '^(api_json|form_body) [0-9]+:' > /tmp/routes.txt
  tests/fuzz/make_app_seeds.py /tmp/routes.txt
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).parent

CONTACT = {"referrer": {"type": "school", "name": "Priya Shah", "agency": "Riverside Primary",
                        "email": "dsl@riverside.sch.uk"},
           "children": [{"first_names": "Mia", "last_name": "Example", "date_of_birth": "2017-05-14",
                         "gender": "female", "address": "12 Orchard Way"}],
           "concern": "Arrived hungry three days running.",
           "intake": {"channel": "email", "household": {"domestic_abuse": "no", "mental_illness": "no",
                                                        "substance_misuse": "no", "learning_difficulties": "not_known"}}}
CONSULTATION = {"type": "named", "consultee_name": "Priya Shah", "consultee_organisation": "Elm Primary",
                "consultee_phone": "01632 960 001", "caller_type": "school",
                "summary": "A pupil is often hungry; what should we do?", "safeguarding_lead_consulted": True,
                "parent_discussed": True,
                "child_open_to": {"name": "Sam Patel", "team": "Maidstone CIN Team 2", "phone": "03000 411111"}}
PERSON = {"first_names": "Mia", "last_name": "Example", "date_of_birth": "2017-05-14", "gender": "female",
          "address": "12 Orchard Way, Exampleton EX1 2AB", "nhs_number": "943 476 5919"}
INFORMATION_REQUEST = {"type": "immigration", "requester_name": "Jo Duty",
                       "requester_organisation": "UK Visas and Immigration",
                       "requester_email": "jo.duty@homeoffice.gov.uk", "subject_first_names": "Mia",
                       "subject_last_name": "Example", "subject_date_of_birth": "2017-05-14",
                       "details": "Is the child known?"}
PORTAL = {"referrer": {"type": "member_of_public", "name": "Jo Neighbour", "phone": "01632 960 001"},
          "children": [{"first_names": "Sam", "last_name": "Example"}], "concern": "Shouting every night.",
          "intake": {"household": {"domestic_abuse": "yes", "mental_illness": "not_known"}}}
SCREENING = {"answers": {"nature": "Neglect", "how_arose": "School noticed", "needs": "Food",
                         "child_location": "At school", "last_seen": "Today", "family_known": "Not known"},
             "significant_harm": "no", "urgent_action": "no", "crime_possible": "no",
             "consent": "informed_agreed", "version": 1}
DECISION = {"outcome": "families-first", "children": [0], "rationale": "Needs support",
            "next_steps": "Families First worker to visit", "version": 1}

API_BODIES = {
    "POST /api/v1/contacts": CONTACT,
    "POST /api/v1/consultations": CONSULTATION,
    "POST /api/v1/people": PERSON,
    "POST /api/v1/information-requests": INFORMATION_REQUEST,
    "POST /api/v1/portal/contacts": PORTAL,
    "POST /api/v1/session": {"username": "contact_officer", "password": "not the password"},
    "PUT /api/v1/contacts/{id}/screening": SCREENING,
    "POST /api/v1/contacts/{id}/decision": DECISION,
}
FORM_BODIES = {
    "POST /sign-in": "username=contact_officer&password=wrong&next=%2F",
    "POST /contacts": ("referrer_type=school&referrer_name=Priya+Shah&referrer_agency=Riverside&"
                       "referrer_email=dsl%40riverside.sch.uk&child_first_names=Mia&child_last_name=Example&"
                       "child_date_of_birth=2017-05-14&child_gender=female&concern=Hungry+three+days"),
    "POST /request-for-support": ("referrer_type=member_of_public&referrer_name=Jo&referrer_phone=01632+960+001&"
                                  "child_first_names=Sam&concern=Shouting+every+night&anonymous=no"),
}


def write(target, index, role, name, body):
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    data = bytes([index % 256, role % 256]) + body.encode()
    (folder / f"seed-{index:03d}-{name}").write_bytes(data)


def main(routes_file):
    for line in pathlib.Path(routes_file).read_text().splitlines():
        target, rest = line.split(" ", 1)
        number, route = rest.split(": ", 1)
        index = int(number)
        if target == "api_json":
            write(target, index, 0, "empty-object", "{}")
            write(target, index, 1, "version", json.dumps({"version": 1, "reason": "Because", "note": "x" * 3}))
            if route in API_BODIES:
                write(target, index, 0, "valid", json.dumps(API_BODIES[route]))
        else:
            write(target, index, 0, "empty", "")
            write(target, index, 1, "fields", "version=1&reason=Because&outcome=nfa&rationale=x&answer=yes")
            if route in FORM_BODIES:
                write(target, index, 0, "valid", FORM_BODIES[route])


if __name__ == "__main__":
    main(sys.argv[1])
