// 待整改问题按责任人 / Open ledger items by owner.
// 查什么：整改台账中待整改（open）的条目，按责任人（默认为问题所在流程的三级监督员）分组，
//   列出数量、逾期数和问题编号；没有责任人的归在 null 下。
// What: the open items of the rectification ledger grouped by owner, with how many are past due.
// Parameters: $today: a date string 'YYYY-MM-DD' to judge overdue, or null for today.
// Returns: one row per owner: owner_id, owner_name, open, overdue, finding_ids (up to 20).
MATCH (i:LedgerItem {status: 'open'})
OPTIONAL MATCH (p:Person {id: i.owner_id})
WITH i, p, coalesce($today, toString(date())) AS today
RETURN i.owner_id AS owner_id, p.name AS owner_name, count(i) AS open,
       sum(CASE WHEN i.due < today THEN 1 ELSE 0 END) AS overdue,
       collect(i.finding_id)[0..20] AS finding_ids
ORDER BY overdue DESC, open DESC
LIMIT 100
