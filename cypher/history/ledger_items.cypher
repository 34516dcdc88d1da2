// 整改台账 / The rectification ledger, filtered.
// Parameters: $status ('open' | 'closed' | 'accepted' or null for all), $units (unit ids or null for all),
//   $check (a check name or null), $ids (finding ids or null for all).
// Returns: one row per item: item (its properties as a map), ordered by opened_at then finding_id.
MATCH (i:LedgerItem)
WHERE ($status IS NULL OR i.status = $status)
  AND ($units IS NULL OR i.unit_id IN $units)
  AND ($check IS NULL OR i.check = $check)
  AND ($ids IS NULL OR i.finding_id IN $ids)
RETURN properties(i) AS item
ORDER BY i.opened_at, i.finding_id
