// The OpenAPI description (docs/openapi.yaml, issue 12 point 4) against the server itself: every
// /api/v1 route the router has is described with its method, every path described is a route,
// public routes (and only they) need no security, every path parameter is declared and every $ref
// resolves. So the description cannot drift from the code. Read with yaml-cpp, a real YAML parser.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "api/openapi_routes.h"
#include "api_fixture.h"
#include "app/permissions.h"

namespace fd::testing {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch", "head", "options"};

class OpenApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    document_ = YAML::Load(std::string(api::OpenApiYaml()));
  }
  // Read-only access: yaml-cpp's non-const operator[] may add the key it looks up.
  const YAML::Node& Doc() const { return document_; }
  // The node a local $ref ("#/components/schemas/Problem") names, or an undefined node. Walks with
  // reset(), since assigning one Node to another copies the value into the first.
  YAML::Node Resolve(const std::string& ref) const {
    if (!ref.starts_with("#/")) return YAML::Node(YAML::NodeType::Undefined);
    YAML::Node node;
    node.reset(document_);
    std::stringstream parts(ref.substr(2));
    std::string part;
    while (std::getline(parts, part, '/')) {
      const YAML::Node& current = node;
      if (!current.IsMap() || !current[part]) return YAML::Node(YAML::NodeType::Undefined);
      const YAML::Node next = current[part];
      node.reset(next);
    }
    return node;
  }
  YAML::Node document_;
};

TEST_F(OpenApi, IsOpenApi31AndTheServedCopyIsTheFileInTheRepository) {
  EXPECT_EQ(Doc()["openapi"].as<std::string>(), "3.1.0");
  std::ifstream file(std::string(FD_SOURCE_DIR) + "/docs/openapi.yaml", std::ios::binary);
  std::stringstream on_disk;
  on_disk << file.rdbuf();
  auto reply = Client().Get("/api/v1/openapi.yaml");  // public: no sign-in
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type"), "application/yaml");
  EXPECT_EQ(reply.body, on_disk.str()) << "rebuild: the binary embeds docs/openapi.yaml at build time";
}

// Every /api/v1 route is described with its method, and nothing else is.
TEST_F(OpenApi, EveryRouteIsDescribedAndEveryDescribedPathIsARoute) {
  std::set<std::string> routes, described;
  for (const auto& route : service_->router().routes())
    if (route.pattern.starts_with("/api/v1/")) routes.insert(Lower(route.method) + " " + route.pattern);
  ASSERT_GT(routes.size(), 60u);
  for (const auto& path : Doc()["paths"]) {
    for (const auto& operation : path.second) {
      const std::string method = operation.first.as<std::string>();
      if (!kMethods.contains(method)) continue;
      described.insert(method + " " + path.first.as<std::string>());
    }
  }
  for (const auto& route : routes)
    EXPECT_TRUE(described.contains(route)) << route << " is a route but docs/openapi.yaml does not describe it";
  for (const auto& op : described)
    EXPECT_TRUE(routes.contains(op)) << op << " is in docs/openapi.yaml but the server has no such route";
}

// Public routes say `security: []`; a signed-in route never does (it inherits bearer or session).
TEST_F(OpenApi, SecurityMatchesWhetherTheRouteIsPublic) {
  for (const auto& route : service_->router().routes()) {
    if (!route.pattern.starts_with("/api/v1/")) continue;
    const YAML::Node op = Doc()["paths"][route.pattern][Lower(route.method)];
    if (!op) continue;  // reported by the test above
    const bool declared_public = op["security"] && op["security"].IsSequence() && op["security"].size() == 0;
    EXPECT_EQ(declared_public, route.access == http::Access::kPublic) << route.method << " " << route.pattern;
  }
  ASSERT_TRUE(Doc()["components"]["securitySchemes"]["bearer"]);
  // Every token scope the server knows is named for the partners who ask for one.
  const std::string description = Doc()["info"]["description"].as<std::string>();
  for (auto scope : app::AllTokenScopes())
    EXPECT_NE(description.find(std::string(scope)), std::string::npos) << scope;
}

// Every {name} in a path is declared as a path parameter; every operation has an id (unique) and
// responses; every $ref resolves.
TEST_F(OpenApi, ParametersOperationIdsAndReferencesAreComplete) {
  std::set<std::string> ids;
  const std::regex braces("\\{([a-z_]+)\\}");
  for (const auto& path : Doc()["paths"]) {
    const std::string pattern = path.first.as<std::string>();
    for (const auto& operation : path.second) {
      const std::string method = operation.first.as<std::string>();
      if (!kMethods.contains(method)) continue;
      const YAML::Node op = operation.second;
      const std::string what = method + " " + pattern;
      ASSERT_TRUE(op["operationId"]) << what;
      EXPECT_TRUE(ids.insert(op["operationId"].as<std::string>()).second) << what << ": operationId used twice";
      EXPECT_TRUE(op["responses"] && op["responses"].size() > 0) << what;
      std::set<std::string> declared;
      for (const auto& parameter : op["parameters"]) {
        const YAML::Node p = parameter["$ref"] ? Resolve(parameter["$ref"].as<std::string>()) : YAML::Node(parameter);
        ASSERT_TRUE(p.IsDefined() && p.IsMap()) << what;
        if (p["in"].as<std::string>() == "path") {
          EXPECT_TRUE(p["required"] && p["required"].as<bool>()) << what;
          declared.insert(p["name"].as<std::string>());
        }
      }
      for (auto it = std::sregex_iterator(pattern.begin(), pattern.end(), braces); it != std::sregex_iterator(); ++it)
        EXPECT_TRUE(declared.contains((*it)[1].str())) << what << " does not declare {" << (*it)[1].str() << "}";
    }
  }
  std::vector<YAML::Node> pending = {Doc()};
  int refs = 0;
  while (!pending.empty()) {
    YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsMap()) {
      for (const auto& kv : node) {
        if (kv.first.as<std::string>() == "$ref") {
          ++refs;
          EXPECT_TRUE(Resolve(kv.second.as<std::string>()).IsDefined()) << kv.second.as<std::string>();
        } else {
          pending.push_back(kv.second);
        }
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) pending.push_back(item);
    }
  }
  EXPECT_GT(refs, 50);
}

// The intake routes are described in full: request bodies and their main answers.
TEST_F(OpenApi, IntakeRoutesDescribeTheirBodiesAndAnswers) {
  const YAML::Node& paths = Doc()["paths"];
  const YAML::Node contact = paths["/api/v1/contacts"]["post"];
  EXPECT_TRUE(contact["requestBody"]["content"]["application/json"]["schema"]["$ref"]);
  EXPECT_TRUE(contact["responses"]["201"]["headers"]["Idempotent-Replayed"]);
  EXPECT_EQ(Resolve(contact["parameters"][0]["$ref"].as<std::string>())["name"].as<std::string>(), "Idempotency-Key");
  const YAML::Node batch = paths["/api/v1/police-notifications/batches"]["post"];
  EXPECT_TRUE(batch["requestBody"]["content"]["text/csv"]);
  EXPECT_TRUE(batch["requestBody"]["content"]["application/json"]);
  EXPECT_TRUE(batch["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]);
  const YAML::Node report = Resolve("#/components/schemas/PoliceBatchReport");
  for (const char* field : {"imported", "repeated", "refused", "problems"}) EXPECT_TRUE(report["properties"][field]) << field;
  const YAML::Node decisions = paths["/api/v1/police-notifications/decisions"]["post"];
  EXPECT_TRUE(decisions["requestBody"]["content"]["application/json"]["schema"]["properties"]["reason"]);
  const YAML::Node input = Resolve("#/components/schemas/PoliceNotificationInput");
  std::set<std::string> required;
  for (const auto& r : input["required"]) required.insert(r.as<std::string>());
  EXPECT_EQ(required, (std::set<std::string>{"force_reference", "notified_at", "risk_level", "incident_summary",
                                             "officer", "officer_email", "children"}));
}

// Issue 8 point 3: a row of the contact list is a summary (docs/security.md "Read audit"), and the
// description says so: no concern, intake, NHS number or address in it.
TEST_F(OpenApi, Issue8_TheContactListDescribesSummaries) {
  const YAML::Node items =
      Doc()["paths"]["/api/v1/contacts"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
           ["properties"]["items"]["items"];
  ASSERT_EQ(items["$ref"].as<std::string>(), "#/components/schemas/ContactSummary");
  const YAML::Node summary = Resolve("#/components/schemas/ContactSummary");
  for (const char* field : {"concern", "intake", "recorded_by"}) EXPECT_FALSE(summary["properties"][field]) << field;
  const YAML::Node child = summary["properties"]["children"]["items"]["properties"];
  for (const char* field : {"date_of_birth", "nhs_number", "address", "school"}) EXPECT_FALSE(child[field]) << field;
}

}  // namespace
}  // namespace fd::testing
