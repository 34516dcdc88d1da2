"""A small station built with Cypher (the importer lives on another branch): enough for every
exploration query and the styling to have something to show."""

from neo4j import Driver

STATION = """
CREATE (u:Unit {id: 'U1', name: '城关供电所', kind: 'station'})
CREATE (cashier:Post {id: 'P-CASH', name: '收费员', key: true})-[:IN_UNIT]->(u)
CREATE (meter:Post {id: 'P-METER', name: '抄表员', key: true})-[:IN_UNIT]->(u)
CREATE (head:Post {id: 'P-HEAD', name: '所长', key: false})-[:IN_UNIT]->(u)
CREATE (zhang:Person {id: 'E1', name: '张伟', status: 'active', exposure: 72.5, light: 'red'})-[:IN_UNIT]->(u)
CREATE (li:Person {id: 'E2', name: '李娜', status: 'active', exposure: 30.0, light: 'yellow'})-[:IN_UNIT]->(u)
CREATE (wang:Person {id: 'E3', name: '王强', status: 'leave', exposure: 5.0, light: 'green'})-[:IN_UNIT]->(u)
CREATE (zhang)-[:HOLDS {role: 'A'}]->(cashier), (zhang)-[:HOLDS {role: 'B'}]->(meter),
       (li)-[:HOLDS {role: 'A'}]->(meter), (li)-[:HOLDS {role: 'B'}]->(cashier),
       (wang)-[:HOLDS {role: 'A'}]->(head)
CREATE (p:Process {id: 'PR1', name: '电费退补', domain: '营销'})-[:IN_UNIT]->(u)
CREATE (n1:Node {id: 'N1', name: '受理退补申请', kind: 'start', light: 'green'})-[:IN_PROCESS]->(p)
CREATE (n2:Node {id: 'N2', name: '核算退补金额', kind: 'task', discretion: true, light: 'red'})
CREATE (n2)-[:IN_PROCESS]->(p)
CREATE (n3:Node {id: 'N3', name: '审批', kind: 'decision', light: 'yellow'})-[:IN_PROCESS]->(p)
CREATE (n4:Node {id: 'N4', name: '退款', kind: 'end', min_people: 2})-[:IN_PROCESS]->(p)
CREATE (n1)-[:NEXT]->(n2), (n2)-[:NEXT]->(n3), (n3)-[:NEXT {condition: '同意'}]->(n4),
       (n3)-[:NEXT {condition: '退回'}]->(n2)
CREATE (meter)-[:PERFORMS]->(n1), (cashier)-[:PERFORMS]->(n2), (head)-[:PERFORMS]->(n3),
       (cashier)-[:PERFORMS]->(n4)
CREATE (calc:Duty {name: '核算'}), (pay:Duty {name: '付款'}), (ok:Duty {name: '审批'})
CREATE (n2)-[:HAS_DUTY]->(calc), (n4)-[:HAS_DUTY]->(pay), (n3)-[:HAS_DUTY]->(ok)
CREATE (calc)-[:CONFLICTS_WITH {severity: 'critical', reason: '自算自付'}]->(pay)
CREATE (r1:Risk {id: 'R1', behavior: '虚增退补金额', level: 'high', score: 16})-[:AT]->(n2)
CREATE (r2:Risk {id: 'R2', behavior: '退款至非用户账户', level: 'medium', score: 9})-[:AT]->(n4)
CREATE (r1)-[:PRONE_POST]->(cashier)
CREATE (:Control {id: 'C1', measure: '所长复核退补清单', kind: 'detective'})-[:MITIGATES]->(r1)
CREATE (c2:Control {id: 'C2', measure: '收费员自查', kind: 'preventive'})-[:MITIGATES]->(r2)
CREATE (c2)-[:OWNED_BY]->(cashier)
CREATE (li)-[:SUPERVISES {level: 1}]->(p)
"""


def build_station(driver: Driver, database: str) -> None:
    driver.execute_query(STATION, database_=database)
