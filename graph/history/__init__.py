"""powermap's memory (contract section 6): imports, scans, drift, the rectification ledger (整改台账),
monthly supervision task lists and the monthly report. Everything is kept in the graph as
powermap's own nodes (`Import`, `Change`, `Scan`, `LedgerItem`, `Task`); see docs/history.md."""
