// CPC-4: "the Chair records the consultation on the child's record". A request is linked to the
// people register at once only when exactly one record matches the child's names and date of birth
// (chair_consultations.cpp); any other is put on the child's record here, by hand, by the
// Child Protection Coordinator (any consultation) or its allocated chair (theirs only): a record the
// register holds, found with the people search ("is this child known?"), or, when the register does
// not hold the child, a new record made from the consultation's names and date of birth.
//
// CPC-4's `chair-record` deadline is met when the consultation is both recorded and on the child's
// record, whichever comes last (docs/decisions.md "A chair consultation is put on the child's record
// by hand"). A link is never moved to another child here: a linked consultation is 409.
#pragma once

#include <cstdint>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"

namespace fd::app {

struct ChairConsultationChildLink {
  std::int64_t person_id = 0;
  bool new_person = false;
  // Where the register record's name or date of birth is not the request's ("name",
  // "date_of_birth"): linked all the same (a request may hold a nickname or a mistake), but whoever
  // linked it is asked to check it is the same child.
  std::vector<FieldError> warnings;
  bool record_deadline_met = false;  // this link met CPC-4 (the consultation was already recorded)
};

// Whether `actor`'s role may put chair consultations on the child's record at all (the coordinator
// and chairs; which consultation is checked by the use cases below). For pages deciding what to offer.
bool MayLinkChairConsultationChild(const Actor& actor);

// "This is the child": puts consultation `id` on register record `person_id`, audited as
// "chair_consultation.child_linked" (who, when, which person) with the link kept
// (chair_consultation_child_links); meets CPC-4 when the consultation is already recorded.
// Errors: kForbidden (role; a restricted record the actor is not named on), kNotFound (no such
// consultation, or a chair's not allocated to them), kInvalid "person_id" (no such person, or an
// adult's record), kConflict (already on a child's record; a merged record).
Result<ChairConsultationChildLink> LinkChairConsultationChild(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                              std::int64_t person_id);

// "Not on the register": records the child on the register from the consultation's names and date of
// birth (audited "person.recorded", source chair-consultation) and links it as above.
// Errors: as LinkChairConsultationChild, and kInvalid when the register refuses the details.
Result<ChairConsultationChildLink> AddChairConsultationChild(AppContext& ctx, const Actor& actor, std::int64_t id);

}  // namespace fd::app
