// The settings a configuration file may hold, so that a misspelt one (`secure_cookie = true`, a
// section `[databse]`) stops the program instead of being silently ignored while the built-in value
// applies (docs/operations.md "Settings" lists them).
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

namespace fd::cli {

// The first section or setting of `table` (read from `file`) that frontdoor does not know, as
// "FILE:LINE: unknown setting 'server.secure_cookie' (did you mean 'server.secure_cookies'?)".
std::optional<std::string> FindUnknownSetting(const toml::table& table, std::string_view file);

}  // namespace fd::cli
