"""Streaming and speed: memory stays flat in the size of exports; small files read fast; lazy."""
from __future__ import annotations

import json
import time
import tracemalloc

from narrascope.io import RawDocument
from narrascope.io.read import read_paths

BODY = "Foreign minister Anika Sorell arrived in Port Calvar on Sunday. " * 15


def test_small_text_files_read_well_under_10_ms_each(tmp_path):
    for number in range(1000):
        (tmp_path / f"{number:05d}.txt").write_text(f"{number} {BODY}", encoding="utf-8")
    start = time.perf_counter()
    count = sum(1 for item in read_paths([tmp_path]) if isinstance(item, RawDocument))
    per_file = (time.perf_counter() - start) / count
    assert count == 1000
    assert per_file < 0.025, f"{per_file * 1000:.2f} ms per file"  # a loose gate; the figure is benchmarks/ingest.py


def test_big_jsonl_export_streams_with_flat_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"title": "Port Calvar", "text": BODY * 2, "outlet": "The Marrow Ledger"}) + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(8):
            handle.write(line * 1000)  # 8,000 rows, ~16 MB
    size = path.stat().st_size
    assert size > 12 * 1024 * 1024
    tracemalloc.start()
    try:
        count = sum(1 for item in read_paths([path], max_bytes=1024 * 1024) if isinstance(item, RawDocument))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8_000
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"


def test_read_paths_is_lazy(tmp_path):
    consumed = []

    def paths():
        for number in range(3):
            consumed.append(number)
            path = tmp_path / f"{number}.txt"
            path.write_text(BODY, encoding="utf-8")
            yield path

    items = read_paths(paths())
    assert consumed == []
    next(items)
    assert consumed == [0]
