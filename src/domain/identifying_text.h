// FDS-7: a no-named consultation holds nothing that identifies the child. This finds the details
// that can be recognised by their shape in free text: dates of birth, NHS numbers, UK postcodes and
// UK phone numbers. (Names and schools cannot be recognised by shape; the form asks for none.) Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace fd {

// One FieldError on `field` for each identifying detail found in `text`, in the order they appear;
// each message quotes the text to remove, e.g.
//   Remove the date of birth "12/03/2015": a no-named consultation must not identify the child
// Empty when nothing was found. Ordinary numbers ("3 children", "aged 7", "16:00", "2024", "£250")
// are not reported.
std::vector<FieldError> FindIdentifyingDetails(std::string_view text, const std::string& field);

}  // namespace fd
