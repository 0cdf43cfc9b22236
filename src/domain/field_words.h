// How a field of a JSON body is named in a message. The field's id ("children[1].first_names") goes in
// the error's `field`, for programs; the message is for the person reading it, so it names the field
// in their words ("The first names of child 2 must be text, in quotes, like \"Mia Rose\"").
#pragma once

#include <string>
#include <string_view>

namespace fd {

// The field in words, as a sentence starts with it: "referrer.name" → "The referrer's name",
// "children[0].date_of_birth" → "The date of birth of child 1", "intake.indicators[2]" → "Indicator 3".
// An id not known here is spelt out ("requester_name" → "The requester's name", "foo_bar" → "The foo bar").
std::string FieldWords(std::string_view path);

// Whether the field id `key` (one segment, no index: "received_at") has words of its own here, rather
// than being spelt out ("The received at"): every field the API reads should.
bool HasFieldWords(std::string_view key);

// "<field> must be text, in quotes", with an example of the field where one helps: ", like \"Sam Jones\"".
std::string NotTextMessage(std::string_view path);
// "<field> must be true or false, without quotes".
std::string NotTrueOrFalseMessage(std::string_view path);
// "<field> must be a list, in square brackets", and what each entry is when given ("indicator ids").
std::string NotAListMessage(std::string_view path, std::string_view of = "");
// "<field> must be an object, in braces", and its fields when given ("{first_names, last_name}").
std::string NotAnObjectMessage(std::string_view path, std::string_view fields = "");
// For a field that is not one of `what` ("a contact"): "A contact has no field of this name; check its
// spelling", and the fields it has when given.
std::string UnknownFieldMessage(std::string_view what, std::string_view known = "");

}  // namespace fd
