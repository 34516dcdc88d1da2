// whatif/active_people 在岗人员 / The active people of a unit and its sub-units: whom a choke-point scan tries.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all).
// Returns: one row per active person: person_id, name, unit_id, by person_id.
MATCH (person:Person {status: 'active'})-[:IN_UNIT]->(u:Unit)
WHERE $unit IS NULL OR EXISTS { (u)-[:PART_OF*0..]->(:Unit {id: $unit}) }
RETURN person.id AS person_id, person.name AS name, u.id AS unit_id
ORDER BY person_id
