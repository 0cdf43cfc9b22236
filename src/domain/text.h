// Small text checks shared by every validator: user input arrives as UTF-8 from forms and JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fd {

// Strips leading and trailing ASCII whitespace.
std::string Trim(std::string_view text);
// The words of `text` as typed, split on spaces, tabs and line breaks ("Mary  Ann" → Mary, Ann).
std::vector<std::string> SplitWords(std::string_view text);
bool IsValidUtf8(std::string_view text);
// Length in code points; `text` must be valid UTF-8.
std::size_t Utf8Length(std::string_view text);
// True when the text holds control characters other than tab and newlines
// (which would corrupt logs, CSV exports and e-mails).
bool HasControlCharacters(std::string_view text, bool allow_newlines);

// Checks one free-text field: valid UTF-8, no stray control characters, at most `max_length`
// characters. Returns the message to show, or nothing when the text is acceptable.
std::optional<std::string> CheckText(std::string_view text, std::size_t max_length, bool allow_newlines,
                                     std::string_view what);

// `what` at the start of a sentence: "what they said" reads "What they said".
std::string SentenceStart(std::string_view what);

// "1 error", "2 errors", "0 errors": a count with its noun, singular only for one.
std::string CountOf(long long count, std::string_view one, std::string_view many);

// "Enter <what>", with `what` (named for the start of a sentence: "The referrer's name") made to
// read mid-sentence: "Enter the referrer's name". A word in capitals ("NHS number") is kept.
std::string EnterMessage(std::string_view what);

// CheckText for a field that must be filled: its problems, or "Enter <what>" when the text is blank.
std::optional<std::string> CheckRequiredText(std::string_view text, std::size_t max_length, bool allow_newlines,
                                             std::string_view what);

// Text made safe to place in HTML, XML or SVG, as element text or a quoted attribute:
// & < > " ' become character references (&#39; for the apostrophe, which HTML 4 lacks as &apos;).
std::string EscapeMarkup(std::string_view text);

bool LooksLikeEmail(std::string_view text);
bool LooksLikePhoneNumber(std::string_view text);

}  // namespace fd
