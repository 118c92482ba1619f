"""The organizer's field at a glance: the power grid, the three levels, and the referral network."""
from __future__ import annotations

from collections import defaultdict

from relmeet.domain import Level
from relmeet.domain.campaigns import INFLUENCES, STANCES, Connector, LevelGroup, ReferralLink
from relmeet.store.book import Book
from relmeet.store.campaigns import Member, members, members_at_level


def power_grid(book: Book, campaign_id: int | None) -> dict[tuple[int, str], list[Member]]:
    """(influence, stance) -> the contacts in that cell, as on a paper power map."""
    grid: dict[tuple[int, str], list[Member]] = {(i, s): [] for i in INFLUENCES for s in STANCES}
    for member in members(book, campaign_id):
        grid[(member.influence, member.stance)].append(member)
    return grid


PAGE = 100  # people listed per level before "show more": a tree of 20,000 rows takes seconds to draw


def levels(book: Book) -> list[LevelGroup]:
    """Contacts grouped by seed 002's three levels, with counts; each level's first page of people."""
    groups = {level.value: LevelGroup(level.value) for level in Level}
    for r in book._rows("SELECT level, count(*), sum(is_leader), sum(is_gatekeeper) FROM contact "
                       "WHERE archived_at IS NULL GROUP BY level"):
        if r[0] in groups:
            groups[r[0]].total, groups[r[0]].leaders, groups[r[0]].gatekeepers = r[1], r[2], r[3]
    for group in groups.values():
        if group.total:
            group.people, group.org_people = level_page(book, group.level, 0)
    return list(groups.values())


def level_page(book: Book, level: str, offset: int) -> tuple[list[Member], dict[int, list[tuple[int, str]]]]:
    """One page of a level's people (leaders, then gatekeepers, then by name), and the people of its organizations."""
    people = members_at_level(book, level, offset, PAGE)
    orgs = [m.id for m in people if m.kind == "organization"]
    org_people: dict[int, list[tuple[int, str]]] = {org: [] for org in orgs}
    if orgs:
        for r in book._rows(f"SELECT organization_id, id, name FROM contact WHERE organization_id IN "
                           f"({','.join('?' * len(orgs))}) AND archived_at IS NULL ORDER BY name COLLATE NOCASE",
                           tuple(orgs)):
            org_people[r[0]].append((r[1], r[2]))
    return people, org_people


def referrals(book: Book) -> list[ReferralLink]:
    rows = book._rows(
        "SELECT r.from_contact_id, f.name, r.to_contact_id, t.name, r.note, "
        "(SELECT count(*) FROM meeting m WHERE m.contact_id = r.to_contact_id AND m.status = 'held') "
        "FROM referral r JOIN contact f ON f.id = r.from_contact_id JOIN contact t ON t.id = r.to_contact_id "
        "ORDER BY f.name COLLATE NOCASE, t.name COLLATE NOCASE")
    return [ReferralLink(*r) for r in rows]


def connectors(book: Book, limit: int = 20) -> list[Connector]:
    """Seed 002's connectors: whose referrals led to the most held meetings, then the most referrals."""
    rows = book._rows(
        "SELECT r.from_contact_id, f.name, count(DISTINCT r.to_contact_id) AS referred, "
        "(SELECT count(*) FROM meeting m WHERE m.status = 'held' AND m.contact_id IN "
        "   (SELECT to_contact_id FROM referral r2 WHERE r2.from_contact_id = r.from_contact_id)) AS led "
        "FROM referral r JOIN contact f ON f.id = r.from_contact_id GROUP BY r.from_contact_id "
        "ORDER BY led DESC, referred DESC, f.name COLLATE NOCASE LIMIT ?", (limit,))
    return [Connector(*r) for r in rows]


def referral_forest(items: list[ReferralLink]) -> tuple[list[int], dict[int, list[ReferralLink]], dict[int, str]]:
    """Roots (people who referred and weren't referred themselves, or break a cycle) and children."""
    children: dict[int, list[ReferralLink]] = defaultdict(list)
    names: dict[int, str] = {}
    referred = set()
    for item in items:
        children[item.from_id].append(item)
        names[item.from_id], names[item.to_id] = item.from_name, item.to_name
        referred.add(item.to_id)
    roots = [cid for cid in children if cid not in referred]
    if not roots and children:  # everyone was referred by someone: a cycle; start anywhere
        roots = [next(iter(children))]
    return sorted(roots, key=lambda cid: names[cid].casefold()), children, names
