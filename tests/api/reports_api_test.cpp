// The statutory returns over real HTTP and from the command line (issue 9 points 2 and 3;
// docs/reports.md): a small hand-made set of contacts, decisions and referrals made through the API
// at chosen times, then Annex A (CSV rows exactly, XLSX sheets), the CIN census (its validation
// naming the records, the XML's structure and values), the period boundaries in local time
// (midnight in summer time is 23:00 UTC), the pages, the audit event and `frontdoor report`.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <sys/wait.h>
#include <zlib.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "api_fixture.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace fd::testing {
namespace {

using nlohmann::json;

json Intake() {
  return {{"channel", "phone"},
          {"household",
           {{"domestic_abuse", "no"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
            {"learning_difficulties", "not_known"}}}};
}

json Child(const char* first, const char* last, const char* dob, const char* gender) {
  return {{"first_names", first}, {"last_name", last}, {"date_of_birth", dob}, {"gender", gender},
          {"address", "12 Orchard Way, Exampleton EX1 2AB"}};
}

json SchoolReferrer() {
  return {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
          {"email", "dsl@riverside.hertfordshire.gov.uk"}};
}

struct Made {
  std::int64_t id = 0;
  std::string reference;
  std::string referral;  // the referral's reference, when the decision made one
};

class ReportsApi : public ApiTest {
 protected:
  // The service's clock to a UTC instant ("2025-06-30T22:30:00Z"). Sessions are made afresh after
  // each move (the idle limit counts on this clock).
  void SetClock(const std::string& utc) { clock_.Advance(*ParseUtc(utc) - clock_.Now()); }

  // A contact received at `utc`, screened, and decided with `outcome` for `children`, through the API.
  Made Contact(const std::string& utc, json referrer, json children, const std::string& outcome,
               json positions, bool anonymous = false, const std::string& primary_need = "") {
    SetClock(utc);
    auto officer = SignedIn(Role::kContactOfficer);
    json body = {{"referrer", referrer}, {"children", children}, {"concern", "Arrived hungry three days running."},
                 {"intake", Intake()}};
    if (anonymous) body["intake"]["anonymity_limits_explained"] = true;
    auto created = officer.SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    Made made;
    made.id = created.Json().at("id").get<std::int64_t>();
    made.reference = created.Json().at("reference").get<std::string>();
    // To the minute: the clock runs on while the test works.
    EXPECT_EQ(created.Json().at("received_at_utc").get<std::string>().substr(0, 16), utc.substr(0, 16));
    const std::string base = fmt::format("/api/v1/contacts/{}", made.id);
    auto worker = SignedIn(Role::kSocialWorker);
    auto step = [&](const std::string& path, json step_body, const HttpReply& last) {
      step_body["version"] = last.Json().at("version");
      auto reply = worker.SendJson("POST", base + path, step_body);
      EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
      return reply;
    };
    auto r = worker.SendJson("POST", base + "/screening/start", {{"version", 1}});
    EXPECT_EQ(r.status, 200) << r.body;
    r = worker.SendJson("PUT", base + "/screening",
                        {{"answers", {{"nature", "n"}, {"how_arose", "h"}, {"needs", "n"}, {"child_location", "c"},
                                      {"last_seen", "l"}, {"family_known", "f"}}},
                         {"significant_harm", "not_known"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                         {"consent", "informed_agreed"}, {"version", r.Json().at("version")}});
    EXPECT_EQ(r.status, 200) << r.body;
    r = step("/record-checks", json::object(), r);
    r = step("/screening/complete", json::object(), r);
    r = step("/decision",
             {{"outcome", outcome}, {"children", positions}, {"rationale", "r"}, {"next_steps", "s"},
              {"protective_factors", "Mother protective"}, {"primary_need", primary_need}},
             r);
    auto manager = SignedIn(Role::kTeamManager);
    auto authorised =
        manager.SendJson("POST", base + "/decision/authorise", {{"version", r.Json().at("version")}});
    EXPECT_EQ(authorised.status, 200) << authorised.body;
    const json referral = authorised.Json().value("referral", json());
    made.referral = referral.is_string() ? referral.get<std::string>() : std::string();
    return made;
  }

  std::int64_t LinkChild(const Made& contact, int position, std::optional<std::int64_t> person) {
    auto officer = SignedIn(Role::kContactOfficer);
    json body = person ? json{{"person_id", *person}} : json{{"new", true}};
    auto linked = officer.SendJson("POST", fmt::format("/api/v1/contacts/{}/children/{}/person", contact.id, position),
                                   body);
    EXPECT_TRUE(linked.status == 200 || linked.status == 201) << linked.body;
    return linked.Json().at("person_id").get<std::int64_t>();
  }

  // The hand-made set (times UTC; the authority's zone is Europe/London):
  //  D 2024-12-31 23:30 (GMT: 31 Dec locally)  school, Mia          → assessment (referral)
  //  E 2025-02-10 10:00                        health, Leo           → Families First (no referral)
  //  A 2025-03-03 10:00                        school, Mia again     → assessment (referral)
  //  B 2025-06-30 22:30 (BST: 23:30 30 June)   police, Sam and Ava   → strategy discussion (2 referrals)
  //  C 2025-06-30 23:30 (BST: 00:30 1 July)    anonymous public, Zoe → strategy discussion (referral)
  // Mia is linked to the register (person P) with early help, an assessment and an open referral
  // held by the social worker; a CP Chair consultation records B's strategy discussion on 1 July.
  void MakeRecords() {
    d_ = Contact("2024-12-31T23:30:00Z", SchoolReferrer(), json::array({Child("Mia", "Example", "2017-05-14", "female")}),
                 "child-and-family-assessment", {0});
    mia_ = LinkChild(d_, 0, std::nullopt);
    json leo = Child("Leo", "Sample", "2020-02-29", "male");
    leo["nhs_number"] = "943 476 5919";  // health contacts give it
    e_ = Contact("2025-02-10T10:00:00Z",
                 {{"type", "health"}, {"name", "Dr Jo Bloggs"}, {"agency", "Elm Surgery"}, {"email", "jo.bloggs@nhs.net"}},
                 json::array({leo}), "families-first", {0});
    a_ = Contact("2025-03-03T10:00:00Z", SchoolReferrer(), json::array({Child("Mia", "Example", "2017-05-14", "female")}),
                 "child-and-family-assessment", {0});
    EXPECT_EQ(LinkChild(a_, 0, mia_), mia_);
    b_ = Contact("2025-06-30T22:30:00Z",
                 {{"type", "police"}, {"name", "PC Lee"}, {"agency", "Hertfordshire Constabulary"},
                  {"email", "pc.lee@herts.pnn.police.uk"}},
                 json::array({Child("Sam", "Other", "2019-01-02", "male"), Child("Ava", "Other", "2024-11-20", "female")}),
                 "strategy-discussion", {0, 1});
    c_ = Contact("2025-06-30T23:30:00Z", {{"type", "member_of_public"}, {"anonymous", true}},
                 json::array({Child("Zoe", "Third", "2016-09-09", "female")}), "strategy-discussion", {0}, true);

    SetClock("2025-07-15T10:00:00Z");
    auto worker = SignedIn(Role::kSocialWorker);
    worker_id_ = worker.Get("/api/v1/session").Json().at("user").at("id").get<std::int64_t>();
    const std::string involvements = fmt::format("/api/v1/people/{}/involvements", mia_);
    for (const json& i : {json{{"kind", "early_help"}, {"started_on", "2025-01-15"}, {"ended_on", "2025-02-20"}},
                          json{{"kind", "assessment"}, {"started_on", "2025-03-04"}, {"ended_on", "2025-03-20"}},
                          json{{"kind", "referral"}, {"started_on", "2025-03-03"}, {"allocated_user_id", worker_id_}}}) {
      auto added = worker.SendJson("POST", involvements, i);
      ASSERT_EQ(added.status, 201) << added.body;
    }
    // The fixture's pack (Hertfordshire) has no CP Chair areas, so the request is written as the
    // chair consultation use case writes it.
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO chair_consultations (number, reference, area, policy_version, requested_at, requested_by, "
                "child_first_names, child_last_name, child_date_of_birth, contact_reference, reason, "
                "strategy_discussion_held, strategy_discussion_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {1, "CPC-000001", "north", "2019", "2025-07-02T09:00:00Z", worker_id_, "Sam", "Other", "2019-01-02",
                 " " + b_.reference + " ", "Strategy discussion held", 1, "2025-07-01"});
    tx->Commit();
  }

  HttpReply Get(Role role, const std::string& target) { return SignedIn(role).Get(target); }

  Made d_, e_, a_, b_, c_;
  std::int64_t mia_ = 0;
  std::int64_t worker_id_ = 0;
};

std::string Row(std::initializer_list<std::string> cells) {
  std::string out;
  for (const auto& c : cells) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out + "\r\n";
}

// Every CSV file begins with the UTF-8 byte-order mark, so Excel reads it as UTF-8.
const std::string kBom = "\xEF\xBB\xBF";
const std::string kList1Header = kBom +
    "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\r\n";
const std::string kList3Header = kBom +
    "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of referral,Referral Source,Referral NFA?,"
    "Number of Referrals in Last 12 Months,Allocated Team,Allocated Worker\r\n";

// --- a light reader of the .xlsx's zip: names in the central directory, and one member inflated ---

std::uint32_t U32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t U16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

// Member name → its text (deflated members inflated).
std::map<std::string, std::string> Unzip(const std::string& zip) {
  std::map<std::string, std::string> out;
  std::size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos) return out;
  std::size_t at = U32(zip, end + 16);
  const int entries = U16(zip, end + 10);
  for (int i = 0; i < entries && U32(zip, at) == 0x02014b50; ++i) {
    const int method = U16(zip, at + 10);
    const std::uint32_t compressed = U32(zip, at + 20), size = U32(zip, at + 24);
    const std::size_t name_len = U16(zip, at + 28), extra = U16(zip, at + 30), comment = U16(zip, at + 32);
    const std::size_t local = U32(zip, at + 42);
    const std::string name = zip.substr(at + 46, name_len);
    const std::size_t data = local + 30 + U16(zip, local + 26) + U16(zip, local + 28);
    std::string text;
    if (method == 0) {
      text = zip.substr(data, compressed);
    } else {
      text.resize(size);
      z_stream z{};
      inflateInit2(&z, -MAX_WBITS);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = compressed;
      z.next_out = reinterpret_cast<Bytef*>(text.data());
      z.avail_out = size;
      inflate(&z, Z_FINISH);
      inflateEnd(&z);
    }
    out[name] = text;
    at += 46 + name_len + extra + comment;
  }
  return out;
}

// --- the census XML through libxml2 ---

class Xml {
 public:
  explicit Xml(const std::string& text)
      : doc_(xmlReadMemory(text.data(), static_cast<int>(text.size()), "census.xml", nullptr, XML_PARSE_NONET)) {}
  ~Xml() {
    if (doc_) xmlFreeDoc(doc_);
  }
  bool ok() const { return doc_ != nullptr; }
  // The text of every node the XPath finds.
  std::vector<std::string> All(const std::string& xpath) const {
    std::vector<std::string> out;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc_);
    xmlXPathObjectPtr found = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx);
    if (found && found->nodesetval)
      for (int i = 0; i < found->nodesetval->nodeNr; ++i) {
        xmlChar* text = xmlNodeGetContent(found->nodesetval->nodeTab[i]);
        out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        xmlFree(text);
      }
    xmlXPathFreeObject(found);
    xmlXPathFreeContext(ctx);
    return out;
  }
  std::string One(const std::string& xpath) const {
    auto all = All(xpath);
    return all.size() == 1 ? all.front() : fmt::format("<{} nodes>", all.size());
  }

 private:
  xmlDocPtr doc_;
};

// List 1 and list 3 of the first half of 2025: rows exactly; contacts on 31 December (GMT) and on
// 1 July (00:30 BST, still 30 June in UTC) are not in it; the 30 June contact at 23:30 BST is.
TEST_F(ReportsApi, AnnexAListsHoldExactlyThePeriodsRecords) {
  MakeRecords();
  const std::string sam = fmt::format("C{}N1", b_.id), ava = fmt::format("C{}N2", b_.id);
  const std::string leo = fmt::format("C{}N1", e_.id), zoe = fmt::format("C{}N1", c_.id);
  const std::string mia = fmt::format("P{}", mia_);

  auto list1 = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-06-30&format=csv");
  ASSERT_EQ(list1.status, 200) << list1.body;
  EXPECT_EQ(list1.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(list1.Header("content-disposition"), "attachment; filename=\"annex-a-list-1-2025-01-01-to-2025-06-30.csv\"");
  EXPECT_EQ(list1.body, kList1Header + Row({leo, "a) Male", "t) NOBT", "29/02/2020", "5", "10/02/2025", "l) 3F: Health services"}) +
                            Row({mia, "b) Female", "t) NOBT", "14/05/2017", "8", "03/03/2025", "e) 2A: Schools"}) +
                            Row({sam, "a) Male", "t) NOBT", "02/01/2019", "6", "30/06/2025", "q) 6: Police"}) +
                            Row({ava, "b) Female", "t) NOBT", "20/11/2024", "0", "30/06/2025", "q) 6: Police"}));

  auto list3 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30");
  ASSERT_EQ(list3.status, 200) << list3.body;
  // Mia's referral of 31 December is within the twelve months before 3 March: 1. Its team and
  // worker are those of her register's referral involvement of that day (the worker's team).
  EXPECT_EQ(list3.body,
            kList3Header +
                Row({mia, "b) Female", "t) NOBT", "14/05/2017", "8", "03/03/2025", "e) 2A: Schools", "b) No", "1",
                     "Front Door", "Test social_worker"}) +
                Row({sam, "a) Male", "t) NOBT", "02/01/2019", "6", "30/06/2025", "q) 6: Police", "b) No", "0", "Assessment team", ""}) +
                Row({ava, "b) Female", "t) NOBT", "20/11/2024", "0", "30/06/2025", "q) 6: Police", "b) No", "0", "Assessment team",
                     ""}));

  // July: only the contact received at 00:30 BST on 1 July (asked for once July has ended).
  SetClock("2025-08-01T10:00:00Z");
  auto july1 = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=1&from=2025-07-01&to=2025-07-31&format=csv");
  EXPECT_EQ(july1.body, kList1Header + Row({zoe, "b) Female", "t) NOBT", "09/09/2016", "8", "01/07/2025", "t) 9: Anonymous"}));
  auto july3 = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=3&from=2025-07-01&to=2025-07-31&format=csv");
  EXPECT_EQ(july3.body, kList3Header + Row({zoe, "b) Female", "t) NOBT", "09/09/2016", "8", "01/07/2025", "t) 9: Anonymous",
                                            "b) No", "0", "Assessment team", ""}));
  // December: the contact at 23:30 GMT on 31 December is that day's.
  auto december = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=1&from=2024-12-01&to=2024-12-31&format=csv");
  EXPECT_EQ(december.body, kList1Header + Row({mia, "b) Female", "t) NOBT", "14/05/2017", "7", "31/12/2024", "e) 2A: Schools"}));
  // One day: the last day of June alone.
  auto last_day = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=3&from=2025-06-30&to=2025-06-30");
  EXPECT_EQ(std::count(last_day.body.begin(), last_day.body.end(), '\n'), 3);

  auto list2 = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=2&from=2025-01-01&to=2025-06-30&format=csv");
  EXPECT_EQ(list2.body,
            kBom + "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Assessment start date,"
            "Assessment completion date,Organisation completing assessment\r\n" +
                Row({mia, "b) Female", "t) NOBT", "14/05/2017", "8", "15/01/2025", "20/02/2025",
                     "Families First (Hertfordshire County Council)"}));
  auto none = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=2&from=2025-03-01&to=2025-06-30&format=csv");
  EXPECT_EQ(none.body.find("\r\n") + 2, none.body.size());  // the header row only
}

// Team and worker names are typed by people: in the CSV a name a spreadsheet would run as a formula
// is plain text (a quote before it), and the dates and counts beside it are unchanged.
TEST_F(ReportsApi, AnnexACsvNeverHandsASpreadsheetAFormula) {
  MakeRecords();
  const std::string evil = "=HYPERLINK(\"http://evil.example\",\"x\")";
  const std::string plain = "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"";
  {
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {evil});
    tx->Execute("UPDATE involvements SET team_id = (SELECT id FROM teams WHERE name = ?) WHERE person_id = ? AND "
                "kind = 'early_help'",
                {evil, mia_});
    tx->Execute("UPDATE users SET display_name = ? WHERE id = ?", {"@SUM(1+1)*cmd|' /C calc'!A0", worker_id_});
    tx->Commit();
  }
  const std::string mia = fmt::format("P{}", mia_);
  auto list2 = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=2&from=2025-01-01&to=2025-06-30&format=csv");
  ASSERT_EQ(list2.status, 200) << list2.body;
  EXPECT_NE(list2.body.find(Row({mia, "b) Female", "t) NOBT", "14/05/2017", "8", "15/01/2025", "20/02/2025", plain})),
            std::string::npos)
      << list2.body;
  auto page = Get(Role::kTeamManager, "/reports/annex-a?list=2&from-day=1&from-month=1&from-year=2025&to-day=30&to-month=6"
                                      "&to-year=2025&format=csv");
  EXPECT_EQ(page.body, list2.body);
  auto list3 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30&format=csv");
  EXPECT_NE(list3.body.find(",\"'@SUM(1+1)*cmd|' /C calc'!A0\"\r\n"), std::string::npos) << list3.body;
}

TEST_F(ReportsApi, AnnexAAsAWorkbookHasASheetPerList) {
  MakeRecords();
  auto xlsx = Get(Role::kTeamManager, "/api/v1/reports/annex-a?list=all&from=2025-01-01&to=2025-06-30&format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.Header("content-disposition"), "attachment; filename=\"annex-a-lists-1-2-3-2025-01-01-to-2025-06-30.xlsx\"");
  EXPECT_EQ(xlsx.Header("x-return-rows"), "8");  // 4 contacts' children, 1 early help, 3 referrals
  ASSERT_EQ(xlsx.body.substr(0, 2), "PK");
  const auto members = Unzip(xlsx.body);
  for (const char* name : {"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                           "xl/worksheets/sheet3.xml", "xl/styles.xml"})
    EXPECT_TRUE(members.contains(name)) << name;
  const std::string& workbook = members.at("xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"List 1 - Contacts\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"List 2 - Early Help Assessments\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"List 3 - Referrals\""), std::string::npos) << workbook;
  // The header row's names (written in the cells: the workbook is made in constant-memory mode), bold,
  // and the dates as Excel dates (3 March 2025 is day 45719) shown dd/mm/yyyy.
  EXPECT_NE(members.at("xl/worksheets/sheet3.xml").find("<t>Number of Referrals in Last 12 Months</t>"),
            std::string::npos);
  EXPECT_NE(members.at("xl/styles.xml").find("<b/>"), std::string::npos);
  EXPECT_NE(members.at("xl/styles.xml").find("formatCode=\"dd/mm/yyyy\""), std::string::npos);
  EXPECT_NE(members.at("xl/worksheets/sheet3.xml").find("<v>45719</v>"), std::string::npos);

  auto one = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30&format=xlsx");
  ASSERT_EQ(one.status, 200);
  EXPECT_FALSE(Unzip(one.body).contains("xl/worksheets/sheet2.xml"));
}

TEST_F(ReportsApi, AnnexARefusesBadRequestsAndOtherRoles) {
  auto manager = SignedIn(Role::kTeamManager);
  auto bad = manager.Get("/api/v1/reports/annex-a?list=4&from=2025-06-31&to=2025-01-01&format=pdf");
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  const json problem = bad.Json();  // kept: a loop over a temporary's member would dangle
  for (const auto& e : problem.at("errors")) fields.insert(e.at("field").get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"list", "from", "format"}));
  auto backwards = manager.Get("/api/v1/reports/annex-a?list=1&from=2025-06-30&to=2025-01-01");
  EXPECT_EQ(backwards.status, 422);
  EXPECT_EQ(backwards.Json().at("errors").at(0).at("field"), "to");
  EXPECT_EQ(manager.Get("/api/v1/reports/annex-a?list=all&from=2025-01-01&to=2025-06-30&format=csv").status, 422);
  EXPECT_EQ(manager.Get("/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-06-30&frmat=csv").status, 422);
  for (Role role : {Role::kContactOfficer, Role::kSocialWorker, Role::kDataProtectionOfficer}) {
    auto refused = SignedIn(role).Get("/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-06-30");
    EXPECT_EQ(refused.status, 403) << RoleId(role);
  }
}

// The census 2024-25: Mia's two referrals (31 December, 3 March) with the assessment after the second;
// its validation finds the missing primary needs (8610) and, as a query, the overlap (8820: the first
// led to further action and its closure date lives in the case management system), each naming the
// record; with allow_errors the XML parses and holds what the records say.
TEST_F(ReportsApi, CinCensusValidatesFirstAndWritesTheSpecificationsStructure) {
  MakeRecords();
  auto refused = Get(Role::kTeamManager, "/api/v1/reports/cin-census?year=2025");
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  const auto findings = refused.Json().at("findings");
  ASSERT_EQ(findings.size(), 3u) << refused.body;
  const std::string mia = fmt::format("P{}", mia_);
  const std::string d_record = fmt::format("referral {} (contact {})", d_.referral, d_.reference);
  const std::string a_record = fmt::format("referral {} (contact {})", a_.referral, a_.reference);
  EXPECT_EQ(findings[0].at("rule"), "8610");
  EXPECT_EQ(findings[0].at("severity"), "error");
  EXPECT_EQ(findings[0].at("child"), mia);
  EXPECT_EQ(findings[0].at("record"), d_record);
  EXPECT_EQ(findings[1].at("rule"), "8610");
  EXPECT_EQ(findings[1].at("record"), a_record);
  EXPECT_EQ(findings[2].at("rule"), "8820");
  EXPECT_EQ(findings[2].at("severity"), "query");
  EXPECT_EQ(findings[2].at("record"), a_record);
  EXPECT_NE(findings[2].at("text").get<std::string>().find("Query 8820: child " + mia + ", " + a_record),
            std::string::npos);

  auto census = Get(Role::kAnalyst, "/api/v1/reports/cin-census?year=2025&allow_errors=true");
  ASSERT_EQ(census.status, 200) << census.body;
  EXPECT_EQ(census.Header("content-type"), "application/xml");
  EXPECT_EQ(census.Header("content-disposition"), "attachment; filename=\"cin-census-2025.xml\"");
  EXPECT_EQ(census.Header("x-census-findings"), "3");
  Xml xml(census.body);
  ASSERT_TRUE(xml.ok()) << census.body;
  EXPECT_EQ(xml.One("/Message/Header/CollectionDetails/Collection"), "CIN");
  EXPECT_EQ(xml.One("/Message/Header/CollectionDetails/Year"), "2025");
  EXPECT_EQ(xml.One("/Message/Header/CollectionDetails/ReferenceDate"), "2025-03-31");
  EXPECT_EQ(xml.One("/Message/Header/Source/LEA"), "919");
  EXPECT_EQ(xml.One("/Message/Header/Source/SoftwareCode"), "frontdoor");
  EXPECT_EQ(xml.All("/Message/Children/Child").size(), 1u);
  EXPECT_EQ(xml.One("/Message/Children/Child/ChildIdentifiers/LAchildID"), mia);
  EXPECT_EQ(xml.One("/Message/Children/Child/ChildIdentifiers/PersonBirthDate"), "2017-05-14");
  EXPECT_EQ(xml.One("/Message/Children/Child/ChildIdentifiers/Sex"), "F");
  EXPECT_EQ(xml.One("/Message/Children/Child/ChildCharacteristics/Ethnicity"), "NOBT");
  EXPECT_EQ(xml.All("/Message/Children/Child/CINdetails/CINreferralDate"),
            (std::vector<std::string>{"2024-12-31", "2025-03-03"}));
  EXPECT_EQ(xml.All("/Message/Children/Child/CINdetails/ReferralSource"), (std::vector<std::string>{"2A", "2A"}));
  EXPECT_EQ(xml.All("/Message/Children/Child/CINdetails/ReferralNFA"), (std::vector<std::string>{"false", "false"}));
  EXPECT_TRUE(xml.All("//PrimaryNeedCode").empty());  // not recorded for an assessment outcome: blank
  EXPECT_EQ(xml.One("/Message/Children/Child/CINdetails[2]/Assessments/AssessmentActualStartDate"), "2025-03-04");
  EXPECT_EQ(xml.One("/Message/Children/Child/CINdetails[2]/Assessments/AssessmentAuthorisationDate"), "2025-03-20");
  EXPECT_TRUE(xml.All("/Message/Children/Child/CINdetails[1]/Assessments").empty());
}

// The primary need recorded with the decision goes into the census as <PrimaryNeedCode>; a referral
// without one is the only one rule 8610 lists. The decision's JSON shows it.
TEST_F(ReportsApi, CinCensusTakesThePrimaryNeedRecordedWithTheDecision) {
  const Made with_need = Contact("2024-11-04T10:00:00Z", SchoolReferrer(),
                                 json::array({Child("Mia", "Example", "2017-05-14", "female")}),
                                 "child-and-family-assessment", {0}, false, "N4");
  const Made without = Contact("2025-01-06T10:00:00Z", SchoolReferrer(),
                               json::array({Child("Leo", "Sample", "2016-02-29", "male")}),
                               "child-and-family-assessment", {0});
  auto contact = Get(Role::kSocialWorker, fmt::format("/api/v1/contacts/{}/workflow", with_need.id));
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_EQ(contact.Json().at("decisions").at(0).at("primary_need"), "N4");

  SetClock("2025-04-15T10:00:00Z");  // the 2024-25 census year has ended
  auto refused = Get(Role::kTeamManager, "/api/v1/reports/cin-census?year=2025");
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto findings = refused.Json().at("findings");
  ASSERT_EQ(findings.size(), 1u) << refused.body;
  EXPECT_EQ(findings[0].at("rule"), "8610");
  EXPECT_EQ(findings[0].at("record"), fmt::format("referral {} (contact {})", without.referral, without.reference));

  auto census = Get(Role::kAnalyst, "/api/v1/reports/cin-census?year=2025&allow_errors=true");
  ASSERT_EQ(census.status, 200) << census.body;
  Xml xml(census.body);
  ASSERT_TRUE(xml.ok()) << census.body;
  EXPECT_EQ(xml.All("//PrimaryNeedCode"), (std::vector<std::string>{"N4"}));
}

// The census 2025-26: the 30 June (BST) and 1 July referrals; Section 47 from B's strategy discussion
// for both its children; only queries (8675Q), so the XML comes without allow_errors.
TEST_F(ReportsApi, CinCensusWithOnlyQueriesIsWritten) {
  MakeRecords();
  SetClock("2026-04-15T10:00:00Z");  // the 2025-26 census year has ended
  auto census = Get(Role::kTeamManager, "/api/v1/reports/cin-census?year=2026");
  ASSERT_EQ(census.status, 200) << census.body;
  EXPECT_EQ(census.Header("x-census-findings"), "2");
  Xml xml(census.body);
  ASSERT_TRUE(xml.ok());
  EXPECT_EQ(xml.All("/Message/Children/Child/ChildIdentifiers/LAchildID"),
            (std::vector<std::string>{fmt::format("C{}N1", b_.id), fmt::format("C{}N2", b_.id),
                                      fmt::format("C{}N1", c_.id)}));
  EXPECT_EQ(xml.All("//CINdetails/CINreferralDate"),
            (std::vector<std::string>{"2025-06-30", "2025-06-30", "2025-07-01"}));
  EXPECT_EQ(xml.All("//CINdetails/ReferralSource"), (std::vector<std::string>{"6", "6", "9"}));
  EXPECT_EQ(xml.All("//CINdetails/PrimaryNeedCode"), (std::vector<std::string>{"N1", "N1", "N1"}));
  EXPECT_EQ(xml.All("//Section47/S47ActualStartDate"), (std::vector<std::string>{"2025-07-01", "2025-07-01"}));
  EXPECT_EQ(xml.All("//Section47/ICPCnotRequired"), (std::vector<std::string>{"false", "false"}));
  EXPECT_EQ(xml.All("/Message/Children/Child/ChildIdentifiers/Sex"), (std::vector<std::string>{"M", "F", "F"}));
  auto bad = Get(Role::kTeamManager, "/api/v1/reports/cin-census?year=25");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json().at("errors").at(0).at("field"), "year");
  EXPECT_EQ(Get(Role::kSocialWorker, "/api/v1/reports/cin-census?year=2026").status, 403);
}

// Producing a return is audited with what was produced and how many rows, never a child's name.
TEST_F(ReportsApi, ProducingAReturnIsAuditedWithoutNames) {
  MakeRecords();
  SetClock("2026-04-15T10:00:00Z");  // the 2025-26 census year has ended
  ASSERT_EQ(Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30").status, 200);
  ASSERT_EQ(Get(Role::kTeamManager, "/api/v1/reports/cin-census?year=2025").status, 422);  // refused: not produced
  ASSERT_EQ(Get(Role::kTeamManager, "/api/v1/reports/cin-census?year=2026").status, 200);
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  const auto rows = tx->Query("SELECT actor, record_id, changes FROM audit_events WHERE action = ? ORDER BY seq",
                              {"report.produced"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Text(0), "analyst");
  EXPECT_EQ(rows[0].Text(1), "annex-a");
  const json annex = json::parse(rows[0].Text(2));
  EXPECT_EQ(annex.at("lists"), json::array({3}));
  EXPECT_EQ(annex.at("from"), "2025-01-01");
  EXPECT_EQ(annex.at("to"), "2025-06-30");
  EXPECT_EQ(annex.at("rows"), 3);
  EXPECT_EQ(rows[1].Text(1), "cin-census-2026");
  const json census = json::parse(rows[1].Text(2));
  EXPECT_EQ(census.at("rows"), 3);
  EXPECT_EQ(census.at("queries"), 2);
  for (const auto& r : rows)
    for (const char* name : {"Mia", "Sam", "Ava", "Zoe", "Example"}) EXPECT_EQ(r.Text(2).find(name), std::string::npos);
}

// The page: a form for each return; the downloads as attachments; a refused period shown again
// with the error summary; a census with errors listed with their records and a link to have it anyway.
TEST_F(ReportsApi, ReportsPageFormsAndDownloads) {
  MakeRecords();
  auto manager = SignedIn(Role::kTeamManager);
  auto page = manager.Get("/reports");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Statutory returns"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/reports/annex-a\""), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/reports/cin-census\""), std::string::npos);
  EXPECT_NE(manager.Get("/").body.find("href=\"/reports\""), std::string::npos);

  auto csv = manager.Get("/reports/annex-a?list=3&from-day=1&from-month=1&from-year=2025&to-day=30&to-month=6"
                         "&to-year=2025&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 300);
  EXPECT_EQ(csv.Header("content-disposition"), "attachment; filename=\"annex-a-list-3-2025-01-01-to-2025-06-30.csv\"");
  EXPECT_EQ(csv.body, manager.Get("/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30").body);

  auto wrong = manager.Get("/reports/annex-a?list=3&from-day=31&from-month=6&from-year=2025&to-day=&to-month=&to-year="
                           "&format=csv");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(wrong.body.find("href=\"#from-day\""), std::string::npos);
  EXPECT_NE(wrong.body.find("for example 1 1 2025"), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"31\""), std::string::npos);  // as typed

  auto findings = manager.Get("/reports/cin-census?year=2025");
  EXPECT_EQ(findings.status, 422);
  EXPECT_NE(findings.body.find(fmt::format("referral {} (contact {})", a_.referral, a_.reference)), std::string::npos);
  EXPECT_NE(findings.body.find("href=\"/reports/cin-census?year=2025&amp;allow_errors=true\""), std::string::npos)
      << findings.body;
  auto anyway = manager.Get("/reports/cin-census?year=2025&allow_errors=true");
  ASSERT_EQ(anyway.status, 200);
  EXPECT_EQ(anyway.Header("content-disposition"), "attachment; filename=\"cin-census-2025.xml\"");

  EXPECT_EQ(SignedIn(Role::kSocialWorker).Get("/reports").status, 403);
  EXPECT_EQ(manager.Get("/reports/cin-census?year=twenty").status, 422);
}

// `frontdoor report` on the same database: the same CSV; the census's errors listed and nothing
// written (exit 1) unless --allow-errors; bad arguments exit 2.
TEST_F(ReportsApi, CommandLineWritesTheSameReturns) {
  MakeRecords();
  TempDir out;
  auto run = [&](const std::string& args) {
    auto result =
        RunFrontdoor(fmt::format("report {} --database '{}' --policy policies/hertfordshire", args, real_store_->url()));
    return std::pair(result.exit_code, result.output);
  };
  auto slurp = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };

  const std::string csv = out.File("list3.csv");
  auto [code, output] = run("annex-a --list 3 --from 2025-01-01 --to 2025-06-30 --out " + csv);
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("3 rows written to " + csv), std::string::npos) << output;
  EXPECT_EQ(slurp(csv), Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30").body);

  const std::string xlsx = out.File("annex-a.xlsx");
  std::tie(code, output) = run("annex-a --list all --from 2025-01-01 --to 2025-06-30 --out " + xlsx);
  EXPECT_EQ(code, 0) << output;
  EXPECT_EQ(slurp(xlsx).substr(0, 2), "PK");

  const std::string xml = out.File("cin-2025.xml");
  std::tie(code, output) = run("cin-census --year 2025 --out " + xml);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find(fmt::format("Error 8610: child P{}, referral {} (contact {})", mia_, d_.referral, d_.reference)),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("nothing written"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(xml));
  std::tie(code, output) = run("cin-census --year 2025 --allow-errors --out " + xml);
  EXPECT_EQ(code, 0) << output;
  EXPECT_TRUE(Xml(slurp(xml)).ok());
  EXPECT_NE(output.find("2 referrals of 1 child; 2 errors, 1 query"), std::string::npos) << output;

  std::tie(code, output) = run("annex-a --list 4 --from 2025-01-01 --to 2025-06-30 --out " + csv);
  EXPECT_EQ(code, 2) << output;
  std::tie(code, output) = run("annex-a --list 1 --from 2025-01-01 --to 2025-06-30 --out " + out.File("list.pdf"));
  EXPECT_EQ(code, 2) << output;
  EXPECT_NE(output.find("cannot tell the format"), std::string::npos) << output;
  std::tie(code, output) = run("cin-census --year 24 --out " + xml);
  EXPECT_EQ(code, 2) << output;
}


// --- Returns an analyst can submit as produced ---

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Records a contact without deciding it; returns its JSON.
json Recorded(HttpClient& officer, json referrer, json child) {
  auto created = officer.SendJson("POST", "/api/v1/contacts",
                                  {{"referrer", referrer}, {"children", json::array({child})},
                                   {"concern", "Seen with a bruise on the arm."}, {"intake", Intake()}});
  EXPECT_EQ(created.status, 201) << created.body;
  return created.Json();
}

json PoliceReferrer() {
  return {{"type", "police"}, {"name", "PC Lee"}, {"agency", "Hertfordshire Constabulary"},
          {"email", "pc.lee@herts.pnn.police.uk"}};
}

// Annex A list 1 ("all contacts … an entry for each child"): a contact closed as a duplicate is left
// out only for a child the original has too, received the same day from the same source (the key
// Ofsted's tooling de-duplicates by: Child Unique ID, Date of Contact, Contact Source). A duplicate
// about another child, from another source or on another day is listed.
TEST_F(ReportsApi, AnnexAList1ListsADuplicateUnlessItsChildDateAndSourceAreTheOriginals) {
  const json ava = Child("Ava", "Example", "2016-03-02", "female");
  SetClock("2025-05-06T08:00:00Z");
  auto officer = SignedIn(Role::kContactOfficer);
  const json original = Recorded(officer, PoliceReferrer(), ava);
  const json twice = Recorded(officer, PoliceReferrer(), ava);           // the same form again: out
  const json from_school = Recorded(officer, SchoolReferrer(), ava);     // another source: in
  const json other_child = Recorded(officer, PoliceReferrer(), Child("Ben", "Sample", "2018-01-09", "male"));  // in
  SetClock("2025-05-07T08:00:00Z");
  auto next_officer = SignedIn(Role::kContactOfficer);  // a session on the moved clock
  const json next_day = Recorded(next_officer, PoliceReferrer(), ava);  // another day: in

  auto worker = SignedIn(Role::kSocialWorker);
  for (const json* duplicate : {&twice, &from_school, &other_child, &next_day}) {
    const std::string path = fmt::format("/api/v1/contacts/{}", duplicate->at("id").get<std::int64_t>());
    json body = {{"contact", original.at("reference")},
                 {"reason", "The same incident"},
                 {"version", worker.Get(path).Json().at("version")}};
    if (duplicate == &other_child) body["same_concern"] = true;  // they share no child
    auto closed = worker.SendJson("POST", path + "/duplicate-of", body);
    ASSERT_EQ(closed.status, 200) << closed.body;
  }

  SetClock("2025-06-02T10:00:00Z");
  auto list1 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=1&from=2025-05-01&to=2025-05-31&format=csv");
  ASSERT_EQ(list1.status, 200) << list1.body;
  const auto id = [](const json& c) { return fmt::format("C{}N1", c.at("id").get<std::int64_t>()); };
  EXPECT_EQ(list1.body,
            kList1Header +
                Row({id(original), "b) Female", "t) NOBT", "02/03/2016", "9", "06/05/2025", "q) 6: Police"}) +
                Row({id(from_school), "b) Female", "t) NOBT", "02/03/2016", "9", "06/05/2025", "e) 2A: Schools"}) +
                Row({id(other_child), "a) Male", "t) NOBT", "09/01/2018", "7", "06/05/2025", "q) 6: Police"}) +
                Row({id(next_day), "b) Female", "t) NOBT", "02/03/2016", "9", "07/05/2025", "q) 6: Police"}));
  EXPECT_EQ(list1.body.find(id(twice)), std::string::npos);

  // The check before downloading leaves off the same child list 1 does: on no return, it cannot be
  // counted twice. Ava's other three contacts are still one group to link.
  auto check = Get(Role::kAnalyst, "/api/v1/reports/children-check?from=2025-05-01&to=2025-05-31");
  ASSERT_EQ(check.status, 200) << check.body;
  const json same = check.Json().at("may_be_same_child");
  ASSERT_EQ(same.at("count"), 1) << check.body;
  EXPECT_EQ(same.at("groups").at(0).at("child_ids"), json::array({id(original), id(from_school), id(next_day)}))
      << check.body;
  EXPECT_EQ(check.body.find(id(twice)), std::string::npos) << check.body;

  // The page says what list 1 leaves out.
  auto page = Get(Role::kAnalyst, "/reports");
  EXPECT_NE(page.body.find("A contact closed as a duplicate is left out only for a child who is also on the contact it "
                           "duplicates, received the same day from the same source"),
            std::string::npos);
}

// List 3's Allocated Team and Worker are those the referral was allocated to, as the register's
// referral involvement recorded with its reference says; never the child's early help worker.
TEST_F(ReportsApi, AnnexAList3AllocatedWorkerIsTheReferralsNotTheChildsEarlyHelpWorker) {
  MakeRecords();
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t manager_id = manager.Get("/api/v1/session").Json().at("user").at("id").get<std::int64_t>();
  const std::int64_t sam = LinkChild(b_, 0, std::nullopt);
  const std::int64_t ava = LinkChild(b_, 1, std::nullopt);
  std::int64_t north = 0;
  {
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"North assessment team"});
    north = tx->Query("SELECT id FROM teams WHERE name = ?", {"North assessment team"}).at(0).Int(0);
    tx->Commit();
  }
  auto worker = SignedIn(Role::kSocialWorker);
  auto add = [&](std::int64_t person, const json& involvement) {
    auto added = worker.SendJson("POST", fmt::format("/api/v1/people/{}/involvements", person), involvement);
    ASSERT_EQ(added.status, 201) << added.body;
  };
  // Sam's referral, allocated to the North team's social worker, recorded with its reference (as
  // typed: spaces, lower case); then early help opened later with the manager, now his worker.
  add(sam, {{"kind", "referral"}, {"started_on", "2025-07-01"}, {"allocated_user_id", worker_id_},
            {"team_id", north}, {"reference", " " + Lower(b_.referral) + " "}});
  add(sam, {{"kind", "early_help"}, {"started_on", "2025-07-10"}, {"allocated_user_id", manager_id}});
  // Ava: early help with the manager only.
  add(ava, {{"kind", "early_help"}, {"started_on", "2025-07-10"}, {"allocated_user_id", manager_id}});

  auto list3 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-06-01&to=2025-06-30&format=csv");
  ASSERT_EQ(list3.status, 200) << list3.body;
  EXPECT_EQ(list3.body,
            kList3Header +
                Row({fmt::format("P{}", sam), "a) Male", "t) NOBT", "02/01/2019", "6", "30/06/2025", "q) 6: Police",
                     "b) No", "0", "North assessment team", "Test social_worker"}) +
                Row({fmt::format("P{}", ava), "b) Female", "t) NOBT", "20/11/2024", "0", "30/06/2025", "q) 6: Police",
                     "b) No", "0", "Assessment team", ""}));
  EXPECT_EQ(list3.body.find("team_manager"), std::string::npos) << list3.body;
}

// A period ending after today is refused, naming the field: on the API (422), and on the page, the
// form shown again with the message. Nothing is produced or audited. A census year still going on
// is not offered on the page.
TEST_F(ReportsApi, AReturnForAPeriodEndingAfterTodayIsRefused) {
  SetClock("2025-07-15T10:00:00Z");
  auto analyst = SignedIn(Role::kAnalyst);
  auto future = analyst.Get("/api/v1/reports/annex-a?list=1&from=2025-07-01&to=2025-07-16&format=csv");
  ASSERT_EQ(future.status, 422) << future.body;
  EXPECT_EQ(future.Json().at("errors").at(0).at("field"), "to");
  EXPECT_NE(future.body.find("today (2025-07-15) or earlier"), std::string::npos) << future.body;
  EXPECT_EQ(analyst.Get("/api/v1/reports/annex-a?list=2&from=2026-11-01&to=2027-12-31&format=csv").status, 422);
  EXPECT_EQ(analyst.Get("/api/v1/reports/annex-a?list=all&from=2025-01-01&to=2025-12-31&format=xlsx").status, 422);

  for (const char* year : {"2026", "2030"}) {
    auto census = analyst.Get(std::string("/api/v1/reports/cin-census?year=") + year);
    ASSERT_EQ(census.status, 422) << census.body;
    EXPECT_EQ(census.Json().at("errors").at(0).at("field"), "year");
    EXPECT_NE(census.body.find("after today (2025-07-15)"), std::string::npos) << census.body;
  }
  auto page = analyst.Get("/reports/annex-a?list=1&from-day=1&from-month=7&from-year=2025&to-day=16&to-month=7"
                          "&to-year=2025&format=csv");
  ASSERT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"#to-day\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("today (2025-07-15) or earlier"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"16\""), std::string::npos);  // as typed
  auto census_page = analyst.Get("/reports/cin-census?year=2030");
  ASSERT_EQ(census_page.status, 422);
  EXPECT_NE(census_page.body.find("href=\"#year\""), std::string::npos) << census_page.body;
  EXPECT_NE(census_page.body.find("The 2029-30 census year ends on 31 March 2030, after today"), std::string::npos);
  EXPECT_NE(census_page.body.find("value=\"2030\""), std::string::npos);

  auto reports = analyst.Get("/reports");
  EXPECT_NE(reports.body.find("href=\"/reports/cin-census?year=2025\""), std::string::npos);
  EXPECT_EQ(reports.body.find("href=\"/reports/cin-census?year=2026\""), std::string::npos);
  EXPECT_EQ(reports.body.find("so far"), std::string::npos);

  // Today itself may end a period.
  EXPECT_EQ(analyst.Get("/api/v1/reports/annex-a?list=1&from=2025-07-01&to=2025-07-15&format=csv").status, 200);
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'report.produced'").at(0).Int(0), 1);
}

// The census's schema needs at least one <Child>: a year with no children in need is refused with
// "nothing to return" (422, on the page too), not written as an empty <Children/>, and not audited.
TEST_F(ReportsApi, CinCensusOfAYearWithNoChildrenIsRefusedNotWrittenEmpty) {
  SetClock("2025-07-15T10:00:00Z");
  auto analyst = SignedIn(Role::kAnalyst);
  auto empty = analyst.Get("/api/v1/reports/cin-census?year=2025&allow_errors=true");
  ASSERT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(empty.Json().at("errors").at(0).at("field"), "year");
  EXPECT_NE(empty.body.find("No children in need in that year: nothing to return"), std::string::npos) << empty.body;
  auto page = analyst.Get("/reports/cin-census?year=2025");
  ASSERT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("No children in need in that year: nothing to return"), std::string::npos);
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'report.produced'").at(0).Int(0), 0);
}

// Every CSV download begins with the UTF-8 byte-order mark, so Excel on Windows shows "Siobhán",
// "–" and "É" as typed: Annex A (API, page, command line) and the dashboard.
TEST_F(ReportsApi, CsvDownloadsBeginWithTheUtf8ByteOrderMark) {
  MakeRecords();
  {
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE users SET display_name = ? WHERE id = ?", {"Siobhán Ó Briain – É", worker_id_});
    tx->Commit();
  }
  auto list3 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30&format=csv");
  ASSERT_EQ(list3.status, 200) << list3.body;
  EXPECT_EQ(list3.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(list3.body.substr(3, 16), "Child Unique ID,");
  EXPECT_NE(list3.body.find(",Siobhán Ó Briain – É\r\n"), std::string::npos) << list3.body;
  auto page = Get(Role::kAnalyst, "/reports/annex-a?list=1&from=2025-01-01&to=2025-06-30&format=csv");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.substr(0, 3), "\xEF\xBB\xBF");
  auto dashboard = Get(Role::kAnalyst, "/api/v1/dashboard?format=csv&from=2025-06-01&to=2025-06-30");
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  EXPECT_EQ(dashboard.body.substr(0, 3), "\xEF\xBB\xBF");
  // The XML and XLSX are not CSV: no mark (XML declares its encoding; a workbook is a zip).
  EXPECT_EQ(Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-06-30&format=xlsx")
                .body.substr(0, 2),
            "PK");
}


// --- One child, one id (docs/reports.md "One child, one id"; docs/decisions.md) ---

json ChildWithNhs(const char* first, const char* last, const char* dob, const char* gender, const char* nhs) {
  json child = Child(first, last, dob, gender);
  child["nhs_number"] = nhs;
  return child;
}

// The Child Unique IDs of a list's CSV rows, in order.
std::vector<std::string> Ids(const std::string& csv) {
  std::vector<std::string> out;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line))
    if (!line.empty() && line != "\r") out.push_back(line.substr(0, line.find(',')));
  return out;
}

// Children not linked to the register but with one valid NHS number are one child: one id on list 1
// and list 3 (whose count of earlier referrals then sees the first), and one <Child> in the census,
// the same id whatever period is asked for (the first contact ever to give the number). Same names
// and birth with two different NHS numbers are two children, and the check does not list them.
TEST_F(ReportsApi, ChildrenNotLinkedWithOneNhsNumberAreOneChildInEveryReturn) {
  const Made first = Contact("2024-11-04T10:00:00Z", SchoolReferrer(),
                             json::array({ChildWithNhs("Noah", "Green", "2018-03-03", "male", "401 023 2137")}),
                             "child-and-family-assessment", {0}, false, "N4");
  // Typed differently, and a different spelling of the name: the NHS number says it is Noah.
  const Made again = Contact("2025-01-06T10:00:00Z", SchoolReferrer(),
                             json::array({ChildWithNhs("Noa", "GREEN", "2018-03-03", "male", "4010232137")}),
                             "child-and-family-assessment", {0}, false, "N4");
  const Made ella = Contact("2025-02-03T10:00:00Z", SchoolReferrer(),
                            json::array({ChildWithNhs("Ella", "Brown", "2019-04-04", "female", "485 777 3457")}),
                            "child-and-family-assessment", {0}, false, "N4");
  const Made other_ella = Contact("2025-02-10T10:00:00Z", SchoolReferrer(),
                                  json::array({ChildWithNhs("Ella", "Brown", "2019-04-04", "female", "999 000 0018")}),
                                  "child-and-family-assessment", {0}, false, "N4");
  SetClock("2025-07-15T10:00:00Z");
  const std::string noah = fmt::format("C{}N1", first.id);
  const std::string ella_id = fmt::format("C{}N1", ella.id), other_ella_id = fmt::format("C{}N1", other_ella.id);

  auto list1 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=1&from=2024-10-01&to=2025-03-31");
  ASSERT_EQ(list1.status, 200) << list1.body;
  EXPECT_EQ(Ids(list1.body), (std::vector<std::string>{noah, noah, ella_id, other_ella_id}));
  // Stable between runs: a period without the first contact gives Noah the same id.
  auto later = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-03-31");
  EXPECT_EQ(Ids(later.body), (std::vector<std::string>{noah, ella_id, other_ella_id}));
  EXPECT_EQ(later.body.find("4010232137"), std::string::npos);  // no NHS number in a return

  auto list3 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=3&from=2025-01-01&to=2025-03-31");
  ASSERT_EQ(list3.status, 200) << list3.body;
  EXPECT_NE(list3.body.find(Row({noah, "a) Male", "t) NOBT", "03/03/2018", "7", "06/01/2025", "e) 2A: Schools",
                                 "b) No", "1", "Assessment team", ""})),
            std::string::npos)
      << list3.body;

  auto census = Get(Role::kAnalyst, "/api/v1/reports/cin-census?year=2025&allow_errors=true");
  ASSERT_EQ(census.status, 200) << census.body;
  Xml xml(census.body);
  ASSERT_TRUE(xml.ok());
  EXPECT_EQ(xml.All("/Message/Children/Child/ChildIdentifiers/LAchildID"),
            (std::vector<std::string>{noah, ella_id, other_ella_id}));
  EXPECT_EQ(xml.All(fmt::format("/Message/Children/Child[ChildIdentifiers/LAchildID='{}']/CINdetails/CINreferralDate",
                                noah)),
            (std::vector<std::string>{"2024-11-04", "2025-01-06"}));

  auto check = Get(Role::kAnalyst, "/api/v1/reports/children-check?year=2025");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.Json().at("may_be_same_child").at("count"), 0) << check.body;
}

// Same first name, surname and date of birth (case, spaces, punctuation and accents aside) but no
// shared NHS number: not merged in the returns, since two children can share them, but listed by
// the check before downloading (API and page) with the contacts to link; once linked to one
// register record they are one child and the list is empty.
TEST_F(ReportsApi, ChildrenSharingOnlyNamesAndBirthAreListedToLinkNotMerged) {
  const Made zoe = Contact("2025-01-06T10:00:00Z", SchoolReferrer(),
                           json::array({Child("Zoë", "O'Brien", "2017-08-08", "female")}),
                           "child-and-family-assessment", {0}, false, "N4");
  const Made zoe_again = Contact("2025-02-03T10:00:00Z", SchoolReferrer(),
                                 json::array({Child(" zoe ", "OBRIEN", "2017-08-08", "female")}),
                                 "child-and-family-assessment", {0}, false, "N4");
  // A day apart: another child.
  const Made born_later = Contact("2025-02-10T10:00:00Z", SchoolReferrer(),
                                  json::array({Child("Zoe", "O'Brien", "2017-08-09", "female")}),
                                  "child-and-family-assessment", {0}, false, "N4");
  SetClock("2025-07-15T10:00:00Z");
  const std::string one = fmt::format("C{}N1", zoe.id), two = fmt::format("C{}N1", zoe_again.id);
  const std::string three = fmt::format("C{}N1", born_later.id);

  auto list1 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-03-31");
  EXPECT_EQ(Ids(list1.body), (std::vector<std::string>{one, two, three}));
  auto census = Get(Role::kAnalyst, "/api/v1/reports/cin-census?year=2025&allow_errors=true");
  ASSERT_EQ(census.status, 200) << census.body;
  EXPECT_EQ(Xml(census.body).All("/Message/Children/Child/ChildIdentifiers/LAchildID"),
            (std::vector<std::string>{one, two, three}));

  auto check = Get(Role::kAnalyst, "/api/v1/reports/children-check?from=2025-01-01&to=2025-03-31");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.Header("content-type"), "application/json");
  const json same = check.Json().at("may_be_same_child");
  ASSERT_EQ(same.at("count"), 1) << check.body;
  const json group = same.at("groups").at(0);
  EXPECT_EQ(group.at("date_of_birth"), "2017-08-08");
  EXPECT_EQ(group.at("child_ids"), json::array({one, two}));
  EXPECT_EQ(group.at("message"), "May be the same child: link them to the register");
  ASSERT_EQ(group.at("contacts").size(), 2u);
  EXPECT_EQ(group.at("contacts").at(0).at("reference"), zoe.reference);
  EXPECT_EQ(group.at("contacts").at(0).at("page"), fmt::format("/contacts/{}", zoe.id));
  EXPECT_EQ(group.at("contacts").at(1).at("href"), fmt::format("/api/v1/contacts/{}", zoe_again.id));
  EXPECT_EQ(group.at("contacts").at(1).at("received_on"), "2025-02-03");
  EXPECT_EQ(group.at("contacts").at(1).at("linked"), false);
  // The census year asks the same.
  EXPECT_EQ(Get(Role::kTeamManager, "/api/v1/reports/children-check?year=2025").Json().at("may_be_same_child").at("count"),
            1);

  // The page: the period typed in the Annex A form, "Check the children first".
  auto analyst = SignedIn(Role::kAnalyst);
  auto page = analyst.Get("/reports?list=1&from-day=1&from-month=1&from-year=2025&to-day=31&to-month=3&to-year=2025"
                          "&format=csv");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("id=\"maybe-same-child\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("May be the same child: link them to the register"), std::string::npos);
  EXPECT_NE(page.body.find("1 child may be the same child as another"), std::string::npos);
  EXPECT_NE(page.body.find(fmt::format("href=\"/contacts/{}\"", zoe.id)), std::string::npos);
  EXPECT_NE(page.body.find(fmt::format("href=\"/contacts/{}\"", zoe_again.id)), std::string::npos);
  EXPECT_EQ(page.body.find(fmt::format("href=\"/contacts/{}\"", born_later.id)), std::string::npos);
  EXPECT_NE(page.body.find("8 August 2017"), std::string::npos);
  EXPECT_NE(page.body.find("formaction=\"/reports\""), std::string::npos);
  auto by_year = analyst.Get("/reports?year=2025");
  EXPECT_NE(by_year.body.find(fmt::format("href=\"/contacts/{}\"", zoe.id)), std::string::npos);
  // Bad input: the form again, with the message at the field and what was typed.
  auto wrong = analyst.Get("/reports?from-day=30&from-month=2&from-year=2025&to-day=31&to-month=3&to-year=2025");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(wrong.body.find("href=\"#from-day\""), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"30\""), std::string::npos);
  auto api_wrong = analyst.Get("/api/v1/reports/children-check?from=2025-02-30&to=2025-03-31");
  EXPECT_EQ(api_wrong.status, 422);
  EXPECT_EQ(api_wrong.Json().at("errors").at(0).at("field"), "from");
  auto both = analyst.Get("/api/v1/reports/children-check?from=2025-01-01&to=2025-03-31&year=2025");
  EXPECT_EQ(both.status, 422);
  EXPECT_EQ(both.Json().at("errors").at(0).at("field"), "year");
  EXPECT_EQ(analyst.Get("/api/v1/reports/children-check?from=2025-01-01&to=2025-03-31&yaer=2025").status, 422);
  EXPECT_EQ(Get(Role::kSocialWorker, "/api/v1/reports/children-check?year=2025").status, 403);

  // Linked by hand to one register record: one child, and nothing left to check.
  const std::int64_t person = LinkChild(zoe, 0, std::nullopt);
  EXPECT_EQ(LinkChild(zoe_again, 0, person), person);
  auto linked = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-03-31");
  EXPECT_EQ(Ids(linked.body), (std::vector<std::string>{fmt::format("P{}", person), fmt::format("P{}", person), three}));
  EXPECT_EQ(Get(Role::kAnalyst, "/api/v1/reports/children-check?year=2025").Json().at("may_be_same_child").at("count"),
            0);
}

// The other direction: one register person never has two ids. Two records of one child merged, a
// contact linked to each, and a contact not linked giving the NHS number the merged record's child
// gave: all three are the record kept, on list 1 and in the census.
TEST_F(ReportsApi, OneRegisterPersonHasOneIdInTheReturns) {
  const Made first = Contact("2025-01-06T10:00:00Z", SchoolReferrer(),
                             json::array({Child("Amir", "Khan", "2016-06-06", "male")}), "child-and-family-assessment",
                             {0}, false, "N4");
  const Made second = Contact("2025-02-03T10:00:00Z", SchoolReferrer(),
                              json::array({ChildWithNhs("Amir", "Khan", "2016-06-06", "male", "401 023 2137")}),
                              "child-and-family-assessment", {0}, false, "N4");
  const Made unlinked = Contact("2025-02-10T10:00:00Z", SchoolReferrer(),
                                json::array({ChildWithNhs("Amir", "Khan", "2016-06-06", "male", "4010232137")}),
                                "child-and-family-assessment", {0}, false, "N4");
  SetClock("2025-07-15T10:00:00Z");
  const std::int64_t kept = LinkChild(first, 0, std::nullopt);
  const std::int64_t duplicate = LinkChild(second, 0, std::nullopt);
  ASSERT_NE(kept, duplicate);
  auto merged = SignedIn(Role::kTeamManager)
                    .SendJson("POST", "/api/v1/people/merges",
                              {{"kept_person_id", kept}, {"merged_person_id", duplicate}, {"reason", "The same child"}});
  ASSERT_EQ(merged.status, 201) << merged.body;
  const std::string id = fmt::format("P{}", kept);

  auto list1 = Get(Role::kAnalyst, "/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-03-31");
  ASSERT_EQ(list1.status, 200) << list1.body;
  EXPECT_EQ(Ids(list1.body), (std::vector<std::string>{id, id, id}));
  auto census = Get(Role::kAnalyst, "/api/v1/reports/cin-census?year=2025&allow_errors=true");
  ASSERT_EQ(census.status, 200) << census.body;
  Xml xml(census.body);
  EXPECT_EQ(xml.All("/Message/Children/Child/ChildIdentifiers/LAchildID"), (std::vector<std::string>{id}));
  EXPECT_EQ(xml.All("/Message/Children/Child/CINdetails").size(), 3u);
  EXPECT_EQ(Get(Role::kAnalyst, "/api/v1/reports/children-check?year=2025").Json().at("may_be_same_child").at("count"),
            0);
}

}  // namespace
}  // namespace fd::testing
