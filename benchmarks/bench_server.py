"""The same work on a project file and on a PostgreSQL server, side by side in one run.

    python benchmarks/bench_server.py [--docs 10000] [--agreement-docs 1000]

Starts a throwaway PostgreSQL cluster with the server's default settings (fsync on: what a
team's server does), on a Unix socket, from the distribution's binaries (as the tests do), and
for N generated documents (~3,000 characters, 30 spans each) times every step as a command in
a fresh process, on a file and on the server:
* import of native JSONL into a fresh project (target: the server ≤ 2× the file);
* export as native JSONL and as CoNLL (target: as fast as the file);
* `annotator agreement` of 3 annotators × M documents (target: as fast as the file);
* `annotator copy` of the imported project to a new file and to a new database;
* how soon another connection hears of a committed edit (the window adds its poll, 0.4 s).
Each ratio is the server's time over the file's, measured in the same run; each step runs
twice, alternating, and the faster run of each counts (this machine's noise is up to 2×).

By default the database shares the machine's cores with the commands, so its own work adds to
their time. ``--server-core`` (Linux) gives the database the last core to itself and the
commands, on a file and on the server alike, the others: a team's server on its own machine,
with a desktop of one core fewer.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource  # CPU of the commands run (not on Windows)
except ImportError:
    resource = None

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench_agreement import records  # noqa: E402
from bench_scale import write_corpus  # noqa: E402
from postgres_server import Cluster  # noqa: E402

from annotator.store.bulk import import_records  # noqa: E402
from annotator.store.project import Project  # noqa: E402

# The commands run as an installed package does, from compiled bytecode: with
# PYTHONDONTWRITEBYTECODE set (some machines set it) every command compiled the whole package
# from source first, about 0.1 s of CPU each.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

CLI = [sys.executable, "-m", "annotator"]
SERVER_PID: list[int] = []  # the cluster's postmaster, whose reaped backends' CPU is the server's
CPU: dict[str, float] = {}  # of the last run: "client" (the command and its workers), "server"


def _client_cpu() -> float:
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every waited-for descendant
    return usage.ru_utime + usage.ru_stime


def _server_cpu() -> float:
    """CPU seconds of the server's ended backends (each connection's process, counted when it
    ends) and of its postmaster; 0 where /proc is not there."""
    try:
        fields = Path(f"/proc/{SERVER_PID[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except (IndexError, OSError):
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def run(args: list[str]) -> float:
    client, server = _client_cpu(), _server_cpu()
    started = time.perf_counter()
    subprocess.run([*CLI, *args], check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    CPU["client"], CPU["server"] = _client_cpu() - client, _server_cpu() - server
    return elapsed


def side_by_side(what: str, file_step, server_step, repeat: int = 2) -> None:
    """Best of ``repeat`` alternating runs of each; prints both and the ratio, and the CPU of
    those runs: the command's (its worker processes too) and, on the server, the database's
    own (on this machine both share the same cores, so the server's work adds to the time)."""
    file_runs, server_runs = [], []
    for _ in range(repeat):
        file_runs.append((file_step(), CPU["client"]))
        server_runs.append((server_step(), CPU["client"], CPU["server"]))
    best_file, best_server = min(file_runs), min(server_runs)
    cpu = f"   CPU: file {best_file[1]:.2f} s, server {best_server[1]:.2f} s + the database's {best_server[2]:.2f} s"
    print(f"  {what:<34} file {best_file[0]:6.2f} s   server {best_server[0]:6.2f} s   "
          f"{best_server[0] / best_file[0]:4.2f}×" + (cpu if SERVER_PID else ""))


def notice_latency(url: str, trials: int = 20) -> None:
    """From an edit's commit on one connection to another connection's data_version changing
    (polled every millisecond): median and worst of ``trials`` edits."""
    from annotator.core.model import Span

    waits = []
    with Project.open(url) as writer, Project.open(url, readonly=True) as reader:
        doc_id = writer.document_ids()[0]
        for n in range(trials):
            version = reader.data_version()
            writer.add_span(Span("", doc_id, "latency", "entity", "PER", n, n + 1))
            committed = time.perf_counter()
            while reader.data_version() == version:
                time.sleep(0.001)
            waits.append(time.perf_counter() - committed)
    waits.sort()
    print(f"  {'an edit heard by another connection':<34} median {waits[len(waits) // 2] * 1000:6.2f} ms   "
          f"worst {waits[-1] * 1000:6.2f} ms")


def _pin_server(postmaster: int, cores: set[int]) -> None:
    """The postmaster and its processes on ``cores``: those running now, and (inherited at
    fork) every connection's backend started later."""
    pids = [postmaster]
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"PPid:\t{postmaster}\n" in status.read_text():
                pids.append(int(status.parent.name))
        except OSError:
            pass  # ended meanwhile
    for pid in pids:
        os.sched_setaffinity(pid, cores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--agreement-docs", type=int, default=1_000)
    parser.add_argument("--server-core", action="store_true",
                        help="the database on the last core alone, the commands on the others (Linux)")
    args = parser.parse_args()
    cluster = Cluster(fast=False)
    cluster.start_or_exit()
    pid_file = cluster.folder / "data" / "postmaster.pid" if getattr(cluster, "folder", None) else None
    if resource is not None and pid_file is not None and pid_file.exists() and Path("/proc").is_dir():
        SERVER_PID.append(int(pid_file.read_text().split()[0]))
    if args.server_core:
        cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        if len(cores) < 2 or not SERVER_PID:
            cluster.stop()
            parser.error("--server-core needs Linux, two cores or more and a cluster started here")
        _pin_server(SERVER_PID[0], {cores[-1]})
        os.sched_setaffinity(0, set(cores[:-1]))  # the commands started from here inherit it
        print(f"the database on core {cores[-1]}, the commands on {', '.join(map(str, cores[:-1]))}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            size = write_corpus(tmp / "a.jsonl", 0, args.docs)
            print(f"{args.docs} documents, {args.docs * 30} spans, {size / 1e6:.0f} MB of JSONL; "
                  f"PostgreSQL at {cluster.admin_url}")
            fresh = iter(range(1000))

            def new_file() -> str:
                path = tmp / f"p{next(fresh)}.db"
                subprocess.run([*CLI, "init", str(path)], check=True, stdout=subprocess.DEVNULL)
                return str(path)

            def new_server() -> str:
                url = cluster.url(cluster.new_database())
                subprocess.run([*CLI, "init", url], check=True, stdout=subprocess.DEVNULL)
                return url

            projects = {}

            def importing(make, kind):
                def step():
                    location = make()
                    projects[kind] = location
                    return run(["import", location, str(tmp / "a.jsonl")])
                return step
            side_by_side("import native JSONL", importing(new_file, "file"), importing(new_server, "server"))
            for fmt in ("jsonl", "conll"):
                side_by_side(f"export {fmt}",
                             lambda: run(["export", projects["file"], "-f", fmt, "-o", str(tmp / f"f.{fmt}")]),
                             lambda: run(["export", projects["server"], "-f", fmt, "-o", str(tmp / f"s.{fmt}")]))
                same = (tmp / f"f.{fmt}").read_bytes() == (tmp / f"s.{fmt}").read_bytes()
                print(f"  {'':<34} the two exports are {'identical' if same else 'DIFFERENT'}")

            team_file = tmp / "team.db"
            with Project.create(team_file) as project:
                import random

                import_records(project, records(args.agreement_docs, random.Random(7)))
            team_url = cluster.url(cluster.new_database())
            subprocess.run([*CLI, "copy", str(team_file), team_url], check=True, stdout=subprocess.DEVNULL)
            side_by_side(f"agreement, 3 annotators × {args.agreement_docs}",
                         lambda: run(["agreement", str(team_file)]), lambda: run(["agreement", team_url]))
            notice_latency(team_url)
            back = iter(range(1000))
            side_by_side("copy the project (to a file, to a server)",
                         lambda: run(["copy", projects["file"], str(tmp / f"copy{next(back)}.db")]),
                         lambda: run(["copy", projects["file"], cluster.url(cluster.new_database())]))
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
