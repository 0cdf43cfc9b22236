#include "store/sibling_review_records.h"

#include <nlohmann/json.hpp>

namespace fd::store {
namespace {

std::vector<int> Positions(const std::string& text) {
  std::vector<int> out;
  if (auto list = nlohmann::json::parse(text, nullptr, false); list.is_array())
    for (const auto& c : list)
      if (c.is_number_integer()) out.push_back(c.get<int>());
  return out;
}

}  // namespace

std::vector<SiblingReview> SiblingReviewsOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<SiblingReview> out;
  for (const auto& r : tx.Query("SELECT s.id, s.contact_id, s.decision_id, s.children_before, s.children_after, "
                                "s.judgement, s.reviewed_by, COALESCE(u.display_name, ''), s.reviewed_at "
                                "FROM sibling_reviews s LEFT JOIN users u ON u.id = s.reviewed_by "
                                "WHERE s.contact_id = ? ORDER BY s.id",
                                {contact_id})) {
    SiblingReview s;
    s.id = r.Int(0);
    s.contact_id = r.Int(1);
    s.decision_id = r.Int(2);
    s.children_before = Positions(r.Text(3));
    s.children_after = Positions(r.Text(4));
    s.judgement = r.Text(5);
    s.reviewed_by = r.Int(6);
    s.reviewed_by_name = r.Text(7);
    s.reviewed_at = ParseUtc(r.Text(8)).value_or(Instant{});
    out.push_back(std::move(s));
  }
  return out;
}

std::int64_t InsertSiblingReview(Transaction& tx, const SiblingReview& review) {
  const std::string after = nlohmann::json(review.children_after).dump();
  const std::int64_t id =
      tx.Query("INSERT INTO sibling_reviews (contact_id, decision_id, children_before, children_after, judgement, "
               "reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {review.contact_id, review.decision_id, nlohmann::json(review.children_before).dump(), after,
                review.judgement, review.reviewed_by, FormatUtc(review.reviewed_at)})
          .at(0)
          .Int(0);
  tx.Execute("UPDATE decisions SET children = ? WHERE id = ?", {after, review.decision_id});
  return id;
}

}  // namespace fd::store
