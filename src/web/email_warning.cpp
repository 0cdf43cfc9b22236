#include "web/email_warning.h"

#include <fmt/format.h>

#include "app/email_trouble.h"

namespace fd::web {

void AddEmailWarning(const PageContext& pc, const app::Actor& actor, Data& d) {
  auto trouble = app::ReadEmailTrouble(pc.app, actor);
  if (!trouble || !trouble->failing) return;
  Data w = Object();
  w.set("message", trouble->message);
  if (trouble->emails && !trouble->emails->empty()) {
    Data rows = List();
    for (const auto& e : *trouble->emails) {
      Data row = Object();
      row.set("id", std::to_string(e.id));
      row.set("purpose", e.delivery.purpose);
      row.set("record", fmt::format("{} {}", e.record_type, e.record_id));
      row.set("domain", e.recipient_domain);
      row.set("state", app::DeliveryWords(e.delivery, pc.app.time_zone));
      rows.push_back(row);
    }
    w.set("emails", rows);
    w.set("has_emails", true);
  }
  d.set("email_warning", w);
}

}  // namespace fd::web
