"""SQL pieces of the analytics queries: the WHERE clause built from filters, the period of a date."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# granularity -> SQL of the period of the date expression {d} (a YYYY-MM-DD... text)
_PERIODS = {
    "day": "substr({d}, 1, 10)",
    "week": "date(substr({d}, 1, 10), 'weekday 0', '-6 days')",  # the Monday of its week
    "month": "substr({d}, 1, 7)",
    "year": "substr({d}, 1, 4)",
}


# PostgreSQL: week_monday() is defined by store/migrations_pg/0001_initial.sql
_PERIODS_POSTGRESQL = {**_PERIODS, "week": "week_monday(substr({d}, 1, 10))"}


def period_sql(granularity: str, when: str, dialect: str = "sqlite") -> str:
    periods = _PERIODS_POSTGRESQL if dialect == "postgresql" else _PERIODS
    return periods[granularity].format(d=when)


@dataclass
class Filter:
    """AND-ed conditions over `articles a` (and the joined tables) with their parameters."""

    since: str | None = None
    until: str | None = None  # includes the whole day / month / year given
    outlet: str | None = None
    originals_only: bool = False
    when: str = "a.published"  # the date the since/until bounds apply to
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def equals(self, column: str, value: str | None) -> None:
        if value is not None:
            self.add(f"{column} = ?", value)

    # Filters on child tables are `a.id IN (SELECT ...)`, computed once, not correlated EXISTS
    # subqueries that SQLite would run once per article.
    def narrative(self, label: str | None, stance: str | None) -> None:
        if label is None and stance is None:
            return
        conditions, params = [], []
        if label is not None:
            conditions.append("(n.label = ? OR n.parent = ?)")
            params += [label, label]
        if stance is not None:
            conditions.append("n.stance = ?")
            params.append(stance)
        self.add(f"a.id IN (SELECT n.article_id FROM narratives n WHERE {' AND '.join(conditions)})", *params)

    def actor(self, actor_id: str | None) -> None:
        if actor_id is not None:
            self.add("a.id IN (SELECT aa.article_id FROM article_actors aa WHERE aa.actor_id = ?)", actor_id)

    def sql(self, first: list[str] | None = None) -> tuple[str, list[Any]]:
        """(' WHERE ...', params); `first` clauses (with their parameters given by the caller) lead."""
        clauses, params = list(first or []), []
        if self.since:
            clauses.append(f"{self.when} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"substr({self.when}, 1, length(?)) <= ?")
            params += [self.until, self.until]
        if self.outlet:
            clauses.append("a.outlet = ?")
            params.append(self.outlet)
        if self.originals_only:
            clauses.append("a.duplicate_of IS NULL")
        clauses += self.clauses
        params += self.params
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
