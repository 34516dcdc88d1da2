// 扫描要更新的台账条目 / The ledger items a scan may change.
// 本次扫描发现的问题对应的条目，以及范围内仍未销号（open）或已接受（accepted）的扫描条目。
// The items of the findings the scan sees, and the scan-born items of its scope still open or accepted.
// Parameters: $ids (finding ids the scan sees), $units (unit ids of the scope, or null for all units).
// Returns: one row per item: item (its properties as a map).
CALL () {
  UNWIND $ids AS fid
  MATCH (i:LedgerItem {finding_id: fid})
  RETURN i
  UNION
  MATCH (i:LedgerItem)
  WHERE i.status IN ['open', 'accepted'] AND i.origin = 'scan'
    AND ($units IS NULL OR i.unit_id IN $units)
  RETURN i
}
RETURN properties(i) AS item
