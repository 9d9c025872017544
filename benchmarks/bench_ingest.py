# ruff: noqa: T201  (a benchmark prints its figures)
"""Benchmark PDF ingest: pages per second and peak memory, for a short and a long review.

Builds text PDFs of about 50 and 400 pages from the sample generator's Kenya review (its body
repeated; one and two columns), then extracts and segments each in a fresh process (so peak
RSS is that file's alone) and prints pages/s and peak RSS. With ``--workers 2`` it also
reads several long files at once, two processes in parallel, as a run over many reviews does.

    .venv/bin/python benchmarks/bench_ingest.py [--workers 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from imrf_analysis.ingest.passages import passages_from_blocks
from imrf_analysis.ingest.pdf_format import pdf_blocks
from imrf_analysis.samples import SAMPLE_REVIEWS, compose_review
from imrf_analysis.samples.pdf_writer import render_pdf


def write_long_pdf(target: Path, pages: int, columns: int = 1) -> int:
    """Write a text PDF of at least ``pages`` pages; return its real page count."""
    spec = next(s for s in SAMPLE_REVIEWS if s.file.startswith("kenya"))
    document = compose_review(spec)
    repeat = 1
    while True:
        long = dataclasses.replace(document, body=document.body * repeat)
        data = render_pdf(long, font=spec.font, columns=columns)
        count = data.count(b"/Type /Page\n") or data.count(b"/Type /Page ")
        if count >= pages or repeat > 400:
            target.write_bytes(data)
            return count
        repeat = max(repeat + 1, int(repeat * pages / max(count, 1)))


def read_one(path: str) -> tuple[int, int, float]:
    """Extract and segment one PDF; return (pages, passages, seconds)."""
    start = time.perf_counter()
    pages, blocks = pdf_blocks(Path(path))
    passages = passages_from_blocks(blocks, "bench")
    return pages, len(passages), time.perf_counter() - start


def _child(path: str) -> None:
    pages, passages, seconds = read_one(path)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{pages}\t{passages}\t{seconds:.3f}\t{peak_mib:.0f}")


def main() -> None:
    """Write the benchmark PDFs and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for pages, columns in ((50, 1), (400, 1), (50, 2), (400, 2)):
            path = Path(folder) / f"review-{pages}-{columns}col.pdf"
            write_long_pdf(path, pages, columns)
            files[(pages, columns)] = path
        print("file\tpages\tpassages\tseconds\tpages/s\tpeak RSS MiB (whole process)")
        for path in files.values():
            out = subprocess.run([sys.executable, __file__, "--child", str(path)],
                                 capture_output=True, text=True, check=True).stdout.split()
            pages, passages, seconds, peak = int(out[0]), int(out[1]), float(out[2]), out[3]
            print(f"{path.name}\t{pages}\t{passages}\t{seconds:.2f}\t{pages / seconds:.0f}\t"
                  f"{peak}")
        long_files = [str(p) for (n, _), p in files.items() if n == 400] * 2
        start = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            total = sum(pages for pages, _, _ in pool.map(read_one, long_files))
        seconds = time.perf_counter() - start
        print(f"{len(long_files)} long files, {args.workers} processes: {total} pages in "
              f"{seconds:.2f} s = {total / seconds:.0f} pages/s")


if __name__ == "__main__":
    main()
