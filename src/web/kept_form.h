// A page form sent after its session ended keeps what was typed (docs/decisions.md "People, roles
// and sessions"). The sign-in page carries it as hidden fields (never the old CSRF token, nor a
// password), shows it under "What you typed", and after signing in the "Send your form again" page
// shows it once more with a form that sends it, with the new session's CSRF token, to where it was
// going. That form's own page then answers as it always does: saved, or shown again with its errors
// and every answer in its boxes. Nothing in any form had to change for this.
#pragma once

#include <optional>
#include <string>

#include "domain/form_field_words.h"
#include "http/message.h"
#include "web/templates.h"

namespace fd::web {

struct KeptForm {
  std::string path;          // where the form was sent: a page of frontdoor's own
  FormPairs fields;          // what it carried, in order, less NeverKeptFromForm
  bool file_lost = false;    // a file upload (multipart), which is not kept: it is chosen again
};

// The form of a POST the guard refused for want of a session. Nullopt when there is nothing to
// return to (a path not of frontdoor's pages, the sign-in itself).
std::optional<KeptForm> KeptFormOf(const http::Request& ended_post);

// The form the sign-in page carried (its "resume_path" and "kept:…" fields). Nullopt when none.
std::optional<KeptForm> KeptFormIn(const http::Request& sign_in_post);

// The data of the sign-in page and of "Send your form again": "kept_form" with the path, the fields
// (as the sign-in page carries them, and as the form sent them) and the typed answers.
void SetKeptFormData(Data& d, const KeptForm& kept);

}  // namespace fd::web
