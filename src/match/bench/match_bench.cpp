// match_bench: builds an index of N synthetic children and times searches with the errors
// referrers make. Not a test: run by hand (cmake -DFRONTDOOR_BENCH=ON; build/match_bench).
//   match_bench [people=1000000] [searches=5000] [seed=1]
// The population is deterministic: person i is a pure function of (seed, i), so a query can
// re-create its target without keeping a million Person values in memory (which would distort
// the memory figure). Children come in households of up to three sharing surname and postcode.
// Names follow a Zipf-like spread over real common British names (Smith about 1.4% of people),
// with a long tail of made-up names standing in for the thousands of rarer real ones.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "match/index.h"

namespace {

using fd::match::DateOfBirth;
using fd::match::Gender;
using fd::match::Person;
using fd::match::PersonId;
using fd::match::PersonQuery;

// splitmix64: a tiny, fully specified generator, so the population is the same on every machine.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }

 private:
  std::uint64_t state_;
};

const std::vector<std::string> kBoys = {
    "Oliver",   "George",   "Noah",        "Arthur",    "Harry",     "Leo",     "Muhammad", "Jack",
    "Charlie",  "Oscar",    "Jacob",       "Henry",     "Thomas",    "Freddie", "Alfie",    "Theo",
    "William",  "Theodore", "Archie",      "Joshua",    "Alexander", "James",   "Isaac",    "Edward",
    "Lucas",    "Tommy",    "Finley",      "Max",       "Logan",     "Ethan",   "Mohammed", "Teddy",
    "Benjamin", "Arlo",     "Joseph",      "Sebastian", "Harrison",  "Elijah",  "Adam",     "Daniel",
    "Samuel",   "Louie",    "Mason",       "Reuben",    "Albie",     "Rory",    "Jude",     "Hugo",
    "Louis",    "Dylan",    "Ronnie",      "Albert",    "Toby",      "Ezra",    "Liam",     "Riley",
    "Frankie",  "Luca",     "Jake",        "Ryan",      "Callum",    "Kyle",    "Connor",   "Jayden",
    "Lewis",    "Aaron",    "Nathan",      "Tyler",     "Ibrahim",   "Yusuf",   "Omar",     "Jonathan",
    "Michael",  "Matthew",  "Christopher", "Robert"};
const std::vector<std::string> kGirls = {
    "Olivia",    "Amelia",    "Isla",    "Ava",      "Ivy",      "Freya",     "Lily",     "Florence",
    "Mia",       "Willow",    "Rosie",   "Sophia",   "Isabella", "Grace",     "Daisy",    "Sienna",
    "Poppy",     "Elsie",     "Emily",   "Ella",     "Evelyn",   "Phoebe",    "Sofia",    "Evie",
    "Charlotte", "Harper",    "Millie",  "Matilda",  "Maya",     "Sophie",    "Alice",    "Emilia",
    "Isabelle",  "Ruby",      "Luna",    "Maisie",   "Aria",     "Penelope",  "Mila",     "Bonnie",
    "Eva",       "Hallie",    "Eliza",   "Ada",      "Violet",   "Esme",      "Arabella", "Imogen",
    "Jessica",   "Delilah",   "Chloe",   "Megan",    "Lauren",   "Hannah",    "Holly",    "Amy",
    "Leah",      "Aisha",     "Fatima",  "Zainab",   "Maryam",   "Elizabeth", "Katie",    "Lucy",
    "Jasmine",   "Catherine", "Rebecca", "Victoria", "Margaret", "Siobhan",   "Niamh",    "Aoife"};
const std::vector<std::string> kSurnames = {
    "Smith",    "Jones",     "Williams", "Taylor",   "Brown",      "Davies",   "Evans",      "Wilson",
    "Thomas",   "Johnson",   "Roberts",  "Robinson", "Thompson",   "Wright",   "Walker",     "White",
    "Edwards",  "Hughes",    "Green",    "Hall",     "Lewis",      "Harris",   "Clarke",     "Patel",
    "Jackson",  "Wood",      "Turner",   "Martin",   "Cooper",     "Hill",     "Ward",       "Morris",
    "Moore",    "Clark",     "Lee",      "King",     "Baker",      "Harrison", "Morgan",     "Allen",
    "James",    "Scott",     "Phillips", "Watson",   "Davis",      "Parker",   "Price",      "Bennett",
    "Young",    "Griffiths", "Mitchell", "Kelly",    "Cook",       "Carter",   "Richardson", "Bailey",
    "Collins",  "Bell",      "Shaw",     "Murphy",   "Miller",     "Cox",      "Richards",   "Khan",
    "Marshall", "Anderson",  "Simpson",  "Ellis",    "Adams",      "Singh",    "Begum",      "Wilkinson",
    "Foster",   "Chapman",   "Powell",   "Webb",     "Rogers",     "Gray",     "Mason",      "Ali",
    "Hunt",     "Hussain",   "Campbell", "Matthews", "Owen",       "Palmer",   "Holmes",     "Mills",
    "Barnes",   "Knight",    "Lloyd",    "Butler",   "Russell",    "Barker",   "Fisher",     "Stevens",
    "Jenkins",  "Murray",    "Dixon",    "Harvey",   "Ahmed",      "Nowak",    "Kowalski",   "O'Brien",
    "McDonald", "Okafor",    "Adeyemi",  "Nguyen",   "Smith-Jones"};
const std::vector<std::string> kStems = {
    "Ash",  "Brad", "Hol",  "Wather", "Pen",  "Red", "Black", "Whit", "Ather", "Kings", "Lang", "Mar", "Nor",
    "Fair", "Ship", "Stan", "Thorn",  "Cran", "Bur", "Ed",    "Fox",  "Hart",  "Win",   "Dal",  "Gos"};
const std::vector<std::string> kMiddles = {"er", "an", "in", "el", "ing", "ow", "am", "ett"};
const std::vector<std::string> kEndings = {"ley",    "ton",   "field", "worth", "ford",   "by",   "wood",
                                           "combe",  "well",  "ham",   "den",   "more",   "shaw", "stone",
                                           "bridge", "hurst", "wick",  "land",  "thorpe", "croft"};
const std::vector<std::string> kForeStarts = {"Ka", "Le", "Ma", "Ri", "Sa", "Ta", "Zo", "Ja",
                                              "Na", "El", "Ar", "Be", "Da", "Ki", "Lu"};
const std::vector<std::string> kForeEnds = {"ra",  "na",  "ya",  "li",  "ri",  "den",
                                            "son", "lan", "vin", "nia", "rin", "mi"};
// What referrers write instead of the registered name.
const std::vector<std::pair<std::string, std::string>> kNicknames = {
    {"William", "Bill"},      {"Elizabeth", "Beth"},   {"Alexander", "Alex"}, {"Thomas", "Tom"},
    {"Catherine", "Kate"},    {"Samuel", "Sam"},       {"Benjamin", "Ben"},   {"Oliver", "Ollie"},
    {"Jonathan", "Jon"},      {"Michael", "Mike"},     {"Matthew", "Matt"},   {"Christopher", "Chris"},
    {"Robert", "Bob"},        {"Rebecca", "Becky"},    {"Victoria", "Vicky"}, {"Margaret", "Maggie"},
    {"Mohammed", "Mo"},       {"Jessica", "Jess"},     {"Daniel", "Danny"},   {"Joseph", "Joe"},
    {"Edward", "Ted"},        {"Isabella", "Bella"},   {"Alfie", "Alf"},      {"Theodore", "Theo"},
    {"Frederick", "Freddie"}, {"Charlotte", "Lottie"}, {"Harrison", "Harry"}, {"Joshua", "Josh"}};

// A Zipf-like pick: rank r has weight 1 / (r + offset), so the first names on a list are the
// commonest, flattened by `offset` as real name lists are (Smith is about 1.3% of people, not
// the 20% a pure 1/r over a hundred names would give).
std::size_t ZipfPick(Random& random, std::size_t n, double offset) {
  // Inverse of the continuous CDF ln((r + offset) / offset) / ln((n + offset) / offset).
  const double u = static_cast<double>(random.Next() >> 11) * 0x1.0p-53;
  const double r = offset * std::exp(u * std::log((static_cast<double>(n) + offset) / offset)) - offset;
  return std::min(static_cast<std::size_t>(r), n - 1);
}

std::string Surname(Random& random) {
  const double kind = static_cast<double>(random.Next() >> 11) * 0x1.0p-53;
  if (kind < 0.35) return kSurnames[ZipfPick(random, kSurnames.size(), 10.0)];
  const std::string& stem = kStems[random.Below(kStems.size())];
  const std::string& ending = kEndings[random.Below(kEndings.size())];
  if (kind < 0.75) return stem + ending;
  return stem + kMiddles[random.Below(kMiddles.size())] + ending;
}

std::string Forename(Random& random, Gender gender) {
  if (random.Chance(0.7)) {
    const auto& list = gender == Gender::kFemale ? kGirls : kBoys;
    return list[ZipfPick(random, list.size(), 20.0)];
  }
  return kForeStarts[random.Below(kForeStarts.size())] + kForeEnds[random.Below(kForeEnds.size())];
}

std::string Postcode(Random& random) {
  // 400 districts × 1,500 postcodes: about 600,000 postcodes.
  const std::size_t district = random.Below(400);
  const char area[3] = {static_cast<char>('A' + district % 26), static_cast<char>('A' + district / 26 % 26),
                        0};
  return fmt::format("{}{} {}{}{}", area, district % 20 + 1, random.Below(10),
                     static_cast<char>('A' + random.Below(20)), static_cast<char>('A' + random.Below(26)));
}

std::uint64_t Mix(std::uint64_t seed, std::uint64_t value) {
  return Random(seed * 0x100000001b3ULL ^ value).Next();
}

// Person i, from (seed, i) alone. Households are groups of three consecutive ids; each of the
// second and third belongs to the first's household half the time.
Person MakePerson(std::uint64_t seed, std::uint64_t i) {
  Random own(Mix(seed, i));
  const std::uint64_t head = i - i % 3;
  const bool sibling = i % 3 != 0 && own.Chance(0.5);
  Random household(Mix(seed ^ 0xABCDEFULL, sibling ? head : i));
  Person p;
  p.id = static_cast<PersonId>(i);
  p.gender = own.Chance(0.5) ? Gender::kFemale : Gender::kMale;
  p.forenames.push_back(Forename(own, p.gender));
  if (own.Chance(0.6)) p.forenames.push_back(Forename(own, p.gender));
  p.surname = Surname(household);
  p.postcode = Postcode(household);
  if (household.Chance(0.05)) p.previous_surnames.push_back(Surname(household));
  p.date_of_birth = DateOfBirth{2006 + static_cast<int>(own.Below(19)), 1 + static_cast<int>(own.Below(12)),
                                1 + static_cast<int>(own.Below(28))};
  if (own.Chance(0.8)) p.nhs_number = fmt::format("{:010}", own.Next() % 10000000000ULL);
  if (own.Chance(0.02)) p.gender = Gender::kNotKnown;
  return p;
}

std::string Typo(Random& random, std::string name) {
  if (name.size() < 3) return name;
  const std::size_t at = 1 + random.Below(name.size() - 2);
  switch (random.Below(3)) {
    case 0:
      std::swap(name[at], name[at + 1]);
      break;  // transposed letters
    case 1:
      name.erase(at, 1);
      break;  // dropped letter
    default:
      name[at] = static_cast<char>('a' + random.Below(26));
      break;  // wrong letter
  }
  return name;
}

// What a referrer might know about person `target`, with the usual slips.
PersonQuery MakeQuery(const Person& target, Random& random) {
  PersonQuery q;
  const double f = static_cast<double>(random.Next() >> 11) * 0x1.0p-53;
  std::string forename = target.forenames.front();
  auto nickname =
      std::find_if(kNicknames.begin(), kNicknames.end(), [&](const auto& p) { return p.first == forename; });
  if (f < 0.12 && nickname != kNicknames.end())
    forename = nickname->second;
  else if (f < 0.22)
    forename = Typo(random, forename);
  else if (f < 0.25)
    forename = forename.substr(0, 1);
  if (f < 0.97) q.forenames = {forename};

  const double s = static_cast<double>(random.Next() >> 11) * 0x1.0p-53;
  if (s < 0.10)
    q.surname = Typo(random, target.surname);
  else if (s < 0.95)
    q.surname = target.surname;

  if (target.date_of_birth && !random.Chance(0.05)) {
    DateOfBirth d = *target.date_of_birth;
    const double e = static_cast<double>(random.Next() >> 11) * 0x1.0p-53;
    if (e < 0.04 && d.day <= 12)
      std::swap(d.day, d.month);
    else if (e < 0.08)
      d.year += random.Chance(0.5) ? 1 : -1;
    else if (e < 0.12)
      d.day = d.day % 10 == 0 ? d.day + 1 : d.day - d.day % 10 + (d.day % 10 + 1) % 10;
    if (fd::match::IsValidDate(d)) q.date_of_birth = d;
  }
  if (random.Chance(0.7)) q.gender = target.gender;
  if (random.Chance(0.5)) q.postcode = target.postcode;
  if (random.Chance(0.2)) q.nhs_number = target.nhs_number;
  return q;
}

std::size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  std::size_t resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

fd::match::NicknameTable LoadNicknames() {
  std::ifstream file(std::string(FD_SOURCE_DIR) + "/data/nicknames.csv");
  std::ostringstream text;
  text << file.rdbuf();
  auto table = fd::match::NicknameTable::Parse(text.str());
  if (!table) {
    fmt::print(stderr, "nicknames.csv line {}: {}\n", table.error().line, table.error().message);
    return {};
  }
  return std::move(*table);
}

// CPU time of this thread: on a shared machine, wall time also counts other programs' turns.
double ThreadMicros() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

double Percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0.0;
  return sorted[std::min(sorted.size() - 1,
                         static_cast<std::size_t>(p * static_cast<double>(sorted.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t people = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::size_t searches = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 5000;
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  using Clock = std::chrono::steady_clock;

  fd::match::Index index(LoadNicknames());
  const std::size_t rss_before = ResidentBytes();
  const auto build_start = Clock::now();
  for (std::uint64_t i = 0; i < people; ++i) {
    if (auto added = index.Add(MakePerson(seed, i)); !added) {
      fmt::print(stderr, "person {}: {}\n", i, added.error().message);
      return 1;
    }
  }
  const double build_seconds = std::chrono::duration<double>(Clock::now() - build_start).count();
  const std::size_t rss_after = ResidentBytes();
  const fd::match::IndexStats stats = index.Stats();
  fmt::print("indexed {} people in {:.1f} s ({:.1f} µs each)\n", stats.people, build_seconds,
             build_seconds * 1e6 / static_cast<double>(people));
  fmt::print("distinct names {}, blocking keys {}\n", stats.distinct_names, stats.blocking_keys);
  fmt::print(
      "memory: {:.0f} bytes/person by container sizes, {:.0f} bytes/person by resident set ({:.0f} MiB)\n",
      static_cast<double>(stats.approx_bytes) / static_cast<double>(people),
      static_cast<double>(rss_after - rss_before) / static_cast<double>(people),
      static_cast<double>(rss_after - rss_before) / 1048576.0);

  Random random(seed ^ 0x5EA7C4ULL);
  std::vector<double> micros;
  std::vector<double> cpu_micros;
  micros.reserve(searches);
  cpu_micros.reserve(searches);
  std::size_t first = 0;
  std::size_t top10 = 0;
  std::size_t total_results = 0;
  for (std::size_t k = 0; k < searches; ++k) {
    const Person target = MakePerson(seed, random.Below(people));
    const PersonQuery query = MakeQuery(target, random);
    const double cpu_start = ThreadMicros();
    const auto start = Clock::now();
    const auto found = index.Search(query, 10);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    cpu_micros.push_back(ThreadMicros() - cpu_start);
    if (!found) continue;
    total_results += found->size();
    for (std::size_t r = 0; r < found->size(); ++r) {
      if ((*found)[r].id != target.id) continue;
      if (r == 0) ++first;
      ++top10;
    }
  }
  auto report = [searches](const char* what, std::vector<double>& times) {
    std::sort(times.begin(), times.end());
    const double mean = std::accumulate(times.begin(), times.end(), 0.0) / static_cast<double>(times.size());
    fmt::print(
        "{} searches (limit 10), {}: mean {:.0f} µs, median {:.0f} µs, p95 {:.0f} µs, p99 {:.0f} µs, max "
        "{:.0f} µs\n",
        searches, what, mean, Percentile(times, 0.5), Percentile(times, 0.95), Percentile(times, 0.99),
        times.empty() ? 0.0 : times.back());
  };
  report("wall time", micros);
  report("thread CPU time", cpu_micros);
  fmt::print("true person ranked first in {:.1f}%, in the top 10 in {:.1f}% (mean {:.1f} results)\n",
             100.0 * static_cast<double>(first) / static_cast<double>(searches),
             100.0 * static_cast<double>(top10) / static_cast<double>(searches),
             static_cast<double>(total_results) / static_cast<double>(searches));

  // Keeping the index current: an update per write.
  const auto update_start = Clock::now();
  const std::size_t updates = std::min<std::uint64_t>(people, 20000);
  for (std::size_t k = 0; k < updates; ++k) {
    Person p = MakePerson(seed, random.Below(people));
    p.postcode = Postcode(random);
    if (!index.Update(p)) return 1;
  }
  fmt::print("{} updates: {:.1f} µs each\n", updates,
             std::chrono::duration<double, std::micro>(Clock::now() - update_start).count() /
                 static_cast<double>(updates));
  return 0;
}
