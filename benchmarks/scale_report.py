"""The scale benchmark's markdown tables and the issue's criteria, from the runs' result dicts.

    python benchmarks/scale_report.py RUN.json...   # one report from several runs' --json files
"""
from __future__ import annotations

LINEAR_LIMIT = 1.5  # time per article at the largest size within this factor of the next smaller size
DASK_SPEEDUP_TARGET = 1.6  # dask2 / dask1 per-article throughput
DASK_VS_LOCAL_TARGET = 0.9  # dask2 / local per-article throughput
CONTAINER_PHASES = ("run_dask",)  # phases that only contain others


def total_seconds(r: dict) -> float:
    """The run's outer phases minus starting and stopping the cluster (paid once per cluster, not per article)."""
    phases = r["phases"]
    outer = sum(phases[name]["seconds"] for name in r["total_phases"] if name in phases)
    return outer - sum(phases[name]["seconds"] for name in r["fixed_phases"] if name in phases)


def total_cpu(r: dict) -> float:
    """CPU seconds of the whole process tree over the same phases as total_seconds."""
    phases = r["phases"]
    outer = sum(phases[name].get("cpu_seconds", 0) for name in r["total_phases"] if name in phases)
    return outer - sum(phases[name].get("cpu_seconds", 0) for name in r["fixed_phases"] if name in phases)


def per_article_rate(r: dict) -> float:
    return r["articles"] / r["phases"][r["per_article_phase"]]["seconds"]


def _phase(r: dict, name: str) -> str:
    p = r["phases"].get(name)
    return f"{p['seconds']:.1f} s / {p['peak_rss_mb']:.0f} MB" if p else "—"


def _stories(r: dict) -> str:
    """The stories phase, plus the stories work `load` did (all of it when the dataset had no stories)."""
    in_load = r.get("main_seconds", {}).get("load: stories")
    cell = _phase(r, "stories")
    return cell if in_load is None else f"{cell} (+{in_load:.1f} s in load)"


def _partial(r: dict) -> str:
    """The phases a stopped run had finished."""
    phases = (r.get("partial") or {}).get("phases") or {}
    done = [f"{name} {p['seconds']:.0f} s / {p['peak_rss_mb']:.0f} MB" for name, p in phases.items()]
    return "finished: " + ", ".join(done) if done else "no phase finished"


def run_table(results: list[dict]) -> str:
    rows = ["| N | engine | articles | total s | ms/article | per-article phase: s / peak MB | articles/s "
            "| CPU ms/article (tree) | dedup | stories | store write / load | peak RSS: tree / largest worker "
            "| duplicates |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if "failed" in r:
            rows.append(f"| {r['n']:,} | {r['engine']} | {r['failed']}; {_partial(r)} |" + " |" * 10)
            continue
        total, per_article = total_seconds(r), r["phases"][r["per_article_phase"]]
        main = r.get("main_seconds", {})
        dedup = f"{main['dedup']:.1f} s (in analyze)" if "dedup" in main else _phase(r, "dedup")
        store = f"{main['store write']:.1f} s (in analyze)" if "store write" in main else _phase(r, "load")
        rows.append(
            f"| {r['n']:,} | {r['engine']} | {r['articles']:,} | {total:.1f} | {1000 * total / r['articles']:.2f} "
            f"| {_phase(r, r['per_article_phase'])} | {per_article_rate(r):.0f} "
            f"| {1000 * per_article.get('cpu_seconds', 0) / r['articles']:.2f} | {dedup} | {_stories(r)} "
            f"| {store} | {r['peak_rss_mb']:.0f} / {r.get('peak_worker_rss_mb', 0):.0f} MB | {r.get('duplicates', '—')} |")
    return "\n".join(rows)


def cpu_table(results: list[dict]) -> str:
    """CPU ms per article of the whole process tree, per phase: what the load of a shared machine changes least."""
    ok = [r for r in results if "failed" not in r]
    names = [*dict.fromkeys(name for r in ok for name in r["phases"]
                            if name not in r["fixed_phases"] and name not in CONTAINER_PHASES), "total"]
    rows = ["| N | engine | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for r in ok:
        cells = []
        for name in names:
            cpu = total_cpu(r) if name == "total" else r["phases"].get(name, {}).get("cpu_seconds")
            cells.append("—" if cpu is None else f"{1000 * cpu / r['articles']:.2f}")
        rows.append(f"| {r['n']:,} | {r['engine']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def stage_table(results: list[dict]) -> str:
    """Milliseconds per article inside the processes running each per-article stage: wall (CPU)."""
    ok = [r for r in results if "failed" not in r and r.get("stage_timings")]
    stages = list(dict.fromkeys(s for r in ok for s in r["stage_timings"]))
    rows = ["| N | engine | " + " | ".join(stages) + " | sum |", "|---|---|" + "---|" * (len(stages) + 1)]
    for r in ok:
        cells, wall_sum = [], 0.0
        for stage in stages:
            t = r["stage_timings"].get(stage)
            if not t or not t["articles"]:
                cells.append("—")
                continue
            wall, cpu = 1000 * t["wall_seconds"] / t["articles"], 1000 * t["cpu_seconds"] / t["articles"]
            wall_sum += wall
            cells.append(f"{wall:.2f} ({cpu:.2f})")
        rows.append(f"| {r['n']:,} | {r['engine']} | " + " | ".join(cells) + f" | {wall_sum:.2f} |")
    return "\n".join(rows)


def criteria(results: list[dict]) -> list[str]:
    ok = {(r["n"], r["engine"]): r for r in results if "failed" not in r}
    sizes = sorted({n for n, _ in ok})
    lines = []
    for engine in dict.fromkeys(e for _, e in ok):
        have = [n for n in sizes if (n, engine) in ok]
        if len(have) >= 2:
            small, large = have[-2], have[-1]
            a, b = (total_seconds(ok[n, engine]) / ok[n, engine]["articles"] for n in (small, large))
            lines.append(_verdict(f"near-linear, {engine}: time/article at {large:,} / at {small:,}",
                                  b / a, LINEAR_LIMIT, at_most=True))
            a, b = (total_cpu(ok[n, engine]) / ok[n, engine]["articles"] for n in (small, large))
            lines.append(_verdict(f"near-linear, {engine}: CPU/article (whole tree) at {large:,} / at {small:,}",
                                  b / a, LINEAR_LIMIT, at_most=True))
    for n in sizes:
        if (n, "dask1") in ok and (n, "dask2") in ok:
            ratio = per_article_rate(ok[n, "dask2"]) / per_article_rate(ok[n, "dask1"])
            lines.append(_verdict(f"{n:,}: per-article throughput dask2 / dask1", ratio, DASK_SPEEDUP_TARGET))
        if (n, "local") in ok and (n, "dask2") in ok:
            ratio = per_article_rate(ok[n, "dask2"]) / per_article_rate(ok[n, "local"])
            lines.append(_verdict(f"{n:,}: per-article throughput dask2 / local", ratio, DASK_VS_LOCAL_TARGET))
            cpu = [ok[n, e]["phases"][ok[n, e]["per_article_phase"]].get("cpu_seconds", 0) for e in ("dask2", "local")]
            if cpu[1]:
                lines.append(f"- {n:,}: per-article phase CPU (whole tree) dask2 / local: {cpu[0] / cpu[1]:.2f} "
                             "(information: Dask's overhead in CPU, which a busy machine does not distort)")
    return lines


def phase_linearity(results: list[dict]) -> list[str]:
    """Per phase, time and CPU per article at each size / at the next smaller size, for every run that
    finished the phase (a run stopped by --timeout included: its finished phases count)."""
    phases_of = {}
    for r in results:
        phases = r.get("phases") or (r.get("partial") or {}).get("phases") or {}
        phases_of[r["n"], r["engine"]] = (r.get("articles", r["n"]), phases)
    lines = []
    for engine in dict.fromkeys(e for _, e in phases_of):
        sizes = sorted(n for n, e in phases_of if e == engine)
        for small, large in zip(sizes, sizes[1:]):
            (na, a), (nb, b) = phases_of[small, engine], phases_of[large, engine]
            for name in (p for p in a if p in b and p not in CONTAINER_PHASES and p != "cluster start"
                         and p != "cluster stop"):
                wall = (b[name]["seconds"] / nb) / (a[name]["seconds"] / na)
                cpu = (b[name]["cpu_seconds"] / nb) / max(a[name]["cpu_seconds"] / na, 1e-9)
                lines.append(f"- {engine}, {name}: per article at {large:,} / at {small:,}: wall {wall:.2f}, "
                             f"CPU {cpu:.2f}")
    return lines


def _verdict(what: str, value: float, target: float, at_most: bool = False) -> str:
    met = value <= target if at_most else value >= target
    return f"- {what}: {value:.2f} (target {'<=' if at_most else '>='} {target}) — {'met' if met else 'SHORT'}"


def report(results: list[dict], meta: dict) -> str:
    return "\n".join([
        f"## scale benchmark, profile {meta['profile']} — {meta['started']} UTC, {meta['cpus']} CPUs",
        f"command: `{meta['command']}`; commit {meta.get('commit', '?')}"
        + (f" + uncommitted {', '.join(meta['uncommitted_sources'])}" if meta.get("uncommitted_sources") else ""), "",
        "Per run: phase wall time / peak RSS of the whole process tree during it; total excludes starting and "
        "stopping a Dask cluster; CPU ms/article = CPU of the whole tree during the per-article phase:", "",
        run_table(results), "",
        "CPU ms per article of the whole process tree, by phase (local: analyze = read + stages + dedup + "
        "store writes; Dask: per-article = read + stages + Parquet writes):", "",
        cpu_table(results), "",
        "Per-article stages, ms per article inside the processes running them, wall (CPU):", "",
        stage_table(results), "",
        "Criteria (issue 6):", *criteria(results), "",
        "Phase by phase (time and CPU per article, larger size / smaller size):", *phase_linearity(results),
    ])


def main(argv: list[str] | None = None) -> int:
    """`python benchmarks/scale_report.py RUN.json...`: one report from the --json files of several runs."""
    import argparse
    import json
    from pathlib import Path

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    runs = [json.loads(path.read_text()) for path in args.files]
    results = sorted((r for run in runs for r in run["results"]), key=lambda r: (r["n"], r["engine"]))
    meta = {**runs[0]["meta"], "command": "; ".join(run["meta"]["command"] for run in runs),
            "started": ", ".join(run["meta"]["started"] for run in runs)}
    print(report(results, meta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
