// 月报的红灯人员与★★★流程 / The red-light people and ★★★ processes for the monthly report.
// 由 powermap rate 写回的评级：人员 light = 'red'，流程 stars = 3。
// The ratings `powermap rate` wrote back: people whose light is red, processes with three stars.
// Parameters: none.
// Returns: rows of kind ('person' | 'process'), id, name, exposure, residual; highest first.
MATCH (p:Person {light: 'red'})
RETURN 'person' AS kind, p.id AS id, p.name AS name, toFloat(coalesce(p.exposure, 0)) AS exposure,
       0.0 AS residual
ORDER BY exposure DESC
UNION ALL
MATCH (q:Process {stars: 3})
RETURN 'process' AS kind, q.id AS id, q.name AS name, toFloat(coalesce(q.exposure, 0)) AS exposure,
       toFloat(coalesce(q.residual, 0)) AS residual
ORDER BY residual DESC
