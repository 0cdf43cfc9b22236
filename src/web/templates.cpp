#include "web/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>


namespace fd::web {

Data Object() { return Data(Data::type::object); }
Data List() { return Data(Data::type::list); }

Templates::Templates(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw std::runtime_error("templates folder not found: " + dir);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = entry.path().stem().string();
    auto parsed = std::make_shared<kainjow::mustache::mustache>(text.str());
    if (!parsed->is_valid())
      throw std::runtime_error("template " + entry.path().string() + " does not parse: " + parsed->error_message());
    sources_[name] = text.str();
    parsed_[name] = parsed;
  }
  for (const char* required : {"layout", "error_summary", "sign_in", "home", "contacts_table", "contacts_list",
                               "contact_form", "contact_show", "message", "portal_form", "portal_received",
                               "intake_children", "intake_household", "intake_indicators", "intake_information",
                               "intake_form_kind", "intake_professional", "intake_allegation"})
    if (!parsed_.contains(required)) throw std::runtime_error(std::string("template missing: ") + required + ".mustache");
}

std::string Templates::Render(const std::string& name, Data& data) const {
  // Every template is available to every other as a partial ({{> name}}). Partials share the
  // data's namespace, so a value named like a template would be silently replaced: refuse it.
  for (const auto& [partial, source] : sources_) {
    if (const Data* clash = data.get(partial); clash && !clash->is_partial())
      throw std::logic_error("page data '" + partial + "' has the name of a template");
    const std::string* text = &source;
    data.set(partial, Data(kainjow::mustache::partial([text] { return *text; })));
  }
  return parsed_.at(name)->render(data);
}

std::string Templates::RenderPage(const std::string& page, Data data) const {
  std::string content = Render(page, data);
  data.set("content", content);
  return Render("layout", data);
}

}  // namespace fd::web
