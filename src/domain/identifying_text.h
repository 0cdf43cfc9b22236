// FDS-7: a no-named consultation holds nothing that identifies the child. This finds the details
// that can be recognised by their shape in free text: dates of birth, NHS numbers, UK postcodes, UK
// phone numbers, e-mail addresses, street addresses (a house number and a street: "12 Orchard Way")
// and named schools ("Riverside Primary School", "Oak Academy"). A person's name has no shape ("Mia
// Example" reads like any two words), so names are not found: the page says so. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace fd {

// One FieldError on `field` for each identifying detail found in `text`, in the order they appear;
// each message quotes the text to remove, e.g.
//   Remove the date of birth "12/03/2015": a no-named consultation must not identify the child
// Found: "date of birth", "NHS number", "phone number", "postcode", "street address", "e-mail address",
// "school". Empty when nothing was found. Ordinary numbers ("3 children", "aged 7", "16:00", "2024", "£250")
// are not reported.
std::vector<FieldError> FindIdentifyingDetails(std::string_view text, const std::string& field);

}  // namespace fd
