// A urlencoded form body's pairs in the order they were sent (a form's boxes in the page's order),
// where ParseUrlEncoded's map sorts them by name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fd::http {

std::optional<std::vector<std::pair<std::string, std::string>>> ParseUrlEncodedInOrder(std::string_view text);

}  // namespace fd::http
