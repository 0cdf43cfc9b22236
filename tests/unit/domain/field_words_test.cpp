#include "domain/field_words.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fd {
namespace {

// The message names the field in words; its id is for the error's `field`, never the message's start.
TEST(FieldWords, NamesTheFieldAsPeopleDo) {
  EXPECT_EQ(FieldWords("referrer.name"), "The referrer's name");
  EXPECT_EQ(FieldWords("children[0].first_names"), "The first names of child 1");
  EXPECT_EQ(FieldWords("children[1]"), "Child 2");
  EXPECT_EQ(FieldWords("adults[0].role"), "The role of adult 1");
  EXPECT_EQ(FieldWords("intake.indicators[2]"), "Indicator 3");
  EXPECT_EQ(FieldWords("intake.channel"), "The channel");
  EXPECT_EQ(FieldWords("child.date_of_birth"), "The child's date of birth");
  EXPECT_EQ(FieldWords("requester_email"), "The requester's e-mail address");
  EXPECT_EQ(FieldWords("nhs_number"), "The NHS number");
  EXPECT_EQ(FieldWords("referrer.anonymous"), "Whether the referrer is anonymous");
  EXPECT_EQ(FieldWords("something_new"), "The something new");  // an id not known is spelt out
}

TEST(FieldWords, MessagesSayWhatToSend) {
  EXPECT_EQ(NotTextMessage("referrer.name"), "The referrer's name must be text, in quotes, like \"Sam Jones\"");
  EXPECT_EQ(NotTextMessage("concern"), "The concern must be text, in quotes");
  EXPECT_EQ(NotTextMessage("intake.household.parents"),
            "The answer to household question \"parents\" must be text, in quotes, like \"yes\"");
  EXPECT_EQ(NotTrueOrFalseMessage("intake.harm_by_another_child"),
            "Whether the harm is by another child must be true or false, without quotes");
  EXPECT_EQ(NotAListMessage("children"), "The children must be a list, in square brackets");
  EXPECT_EQ(NotAListMessage("intake.indicators", "indicator ids"),
            "The indicators must be a list, in square brackets, of indicator ids");
  EXPECT_EQ(NotAnObjectMessage("children[0]"), "Child 1 must be an object, in braces");
  EXPECT_EQ(UnknownFieldMessage("a contact"), "A contact has no field of this name; check its spelling");
}

}  // namespace
}  // namespace fd

namespace fd {
namespace {

// The field ids the API's JSON readers name, read from their source: the keys they read
// (reader.Text("key"), ReadString(obj, "key", …), TextField(body, "key"), key == "key"), the keys
// they accept (RejectUnknown/OnlyKnown lists, std::set lists of keys) and those their messages name.
std::set<std::string> FieldsTheApiReads() {
  namespace fs = std::filesystem;
  std::vector<fs::path> files{fs::path(FD_SOURCE_DIR) / "src/app/contact_json.cpp"};
  for (const auto& entry : fs::directory_iterator(fs::path(FD_SOURCE_DIR) / "src/api"))
    if (entry.path().extension() == ".cpp") files.push_back(entry.path());
  const std::regex one(
      R"re([.>](?:Text|Flag|Id|Date|Bool|String|Strings|Int|OptionalText|OptionalId)\("([a-z_]+)")re"
      R"re(|\b(?:ReadString|ReadBool|ReadTextMap|TextField|BoolField)\([^,()]+,\s*"([a-z_]+)")re"
      R"re(|\b(?:NotTextMessage|NotTrueOrFalseMessage|NotAListMessage|NotAnObjectMessage|FieldWords)\("([a-z_.\[\]0-9]+)")re"
      R"re(|key == "([a-z_]+)")re");
  const std::regex list(R"re((?:RejectUnknown\([^,]+,|OnlyKnown\(|std::set<std::string>\s*\w+\s*=)\s*\{([^}]*)\})re");
  const std::regex quoted(R"re("([a-z_]+)")re");
  std::set<std::string> out;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator m(source.begin(), source.end(), one), end; m != end; ++m)
      for (std::size_t group = 1; group < m->size(); ++group)
        if ((*m)[group].matched) {
          std::string path = (*m)[group].str();
          path = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
          out.insert(path.substr(0, path.find('[')));
        }
    for (std::sregex_iterator m(source.begin(), source.end(), list), end; m != end; ++m) {
      const std::string keys = (*m)[1].str();
      for (std::sregex_iterator k(keys.begin(), keys.end(), quoted); k != end; ++k) out.insert((*k)[1].str());
    }
  }
  out.erase("");
  return out;
}

// Every field the API reads is named in words in its messages, never spelt out from its id ("The
// received at must be text").
TEST(FieldWords, EveryFieldTheApiReadsHasWords) {
  const auto fields = FieldsTheApiReads();
  EXPECT_GT(fields.size(), 60u);  // the walk found the readers
  for (const auto& field : fields) EXPECT_TRUE(HasFieldWords(field)) << field << ": " << FieldWords(field);
  EXPECT_EQ(NotTextMessage("received_at"),
            "The time the contact was received must be text, in quotes, like \"2026-11-27T09:30\"");
}

}  // namespace
}  // namespace fd
