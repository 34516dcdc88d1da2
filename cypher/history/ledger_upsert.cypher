// 写入台账条目 / Create or update ledger items, one per finding id.
// Parameters: $rows: list of {finding_id, props} (props: the item's properties).
// Returns: nothing.
UNWIND $rows AS row
MERGE (i:LedgerItem {finding_id: row.finding_id})
SET i += row.props
