"""Connected components of a (small) edge list on the driver: union-find over hashable nodes.

Only edges between articles that really are copies (or in one story) come here, never all articles.
"""
from __future__ import annotations

from typing import Hashable, Iterable


class UnionFind:
    """Union-find whose root is always the smallest node of its component (nodes must be comparable):
    a component's label is canonical, whatever the order of the edges."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, node: Hashable) -> Hashable:
        parent = self.parent
        root = parent.setdefault(node, node)
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            low, high = (root_a, root_b) if root_a < root_b else (root_b, root_a)
            self.parent[high] = low

    def groups(self) -> dict[Hashable, list[Hashable]]:
        """{root (smallest member): members} of every node seen."""
        out: dict[Hashable, list[Hashable]] = {}
        for node in self.parent:
            out.setdefault(self.find(node), []).append(node)
        return out


def components(edges: Iterable[tuple[Hashable, Hashable]]) -> list[list[Hashable]]:
    """The connected components (of two or more nodes) of an edge list."""
    forest = UnionFind()
    for a, b in edges:
        forest.union(a, b)
    return list(forest.groups().values())
