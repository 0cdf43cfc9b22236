// RULE KCR-5: personal information about a child is e-mailed only to addresses whose domain the
// authority's policy marks secure (e.g. nhs.net, police.uk, the council's own). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fd::notify {

// True when `address` is a sendable address (CheckAddress in notify/message.h) whose domain equals
// one of `secure_domains` or is a subdomain of one, ignoring case: "x@nhs.net" and
// "x@mail.nhs.net" match "nhs.net"; "x@evilnhs.net" and "x@nhs.net.example.com" do not. Listed
// domains may be written with a leading "@" or "." and a trailing "." ("@nhs.net", ".nhs.net").
bool IsSecureAddress(std::string_view address, const std::vector<std::string>& secure_domains);

}  // namespace fd::notify
