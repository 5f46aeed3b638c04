"""backcheck under Apache Spark: the batch input (JSON lines) read as an
RDD over several partitions, each partition piped through
`backcheck batch --jsonl - --out -`, the per-pair JSON lines saved as
text (part-00000, ...), then merged into findings.csv, summary.csv,
findings.jsonl and report.html by `backcheck merge`.

Run it with spark-submit (local mode or a cluster):

    spark-submit --master 'local[4]' --files target/release/backcheck \
        scripts/scale_spark.py --input pairs.jsonl --out results \
        --partitions 4 --reports reports

The binary is shipped with `--files` (or `--binary PATH`, which adds it
to the job the same way) and found on each executor with
`SparkFiles.get`. `--shards N` also runs each share K/N of the input (the
pairs whose position is K-1 mod N, as `batch --shard K/N` takes them)
into OUT-shard-K. Timings go to stdout as `spark-time NAME SECONDS`.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkContext, SparkFiles

BINARY = "backcheck"


def pipe_through_backcheck(extra):
    """A function for mapPartitions: the partition's lines through one
    `backcheck batch --jsonl - --out -` process. The process must answer
    every (non-blank) line with exactly one line and exit 0, or 2 when a
    pair could not be checked (it is then an error row); anything else
    fails the task with the process's last words."""

    def run(lines):
        exe = SparkFiles.get(BINARY)
        command = [exe, "batch", "--jsonl", "-", "--out", "-", "--jobs", "1"] + extra
        with tempfile.TemporaryFile() as stderr:
            proc = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
            )
            sent = [0]

            def feed():
                try:
                    for line in lines:
                        if line.strip():
                            sent[0] += 1
                        proc.stdin.write(line.encode("utf-8") + b"\n")
                finally:
                    proc.stdin.close()

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            received = 0
            for out in proc.stdout:
                received += 1
                yield out.decode("utf-8").rstrip("\n")
            writer.join()
            code = proc.wait()
            if code not in (0, 2) or received != sent[0]:
                stderr.seek(0)
                tail = stderr.read().decode("utf-8", "replace")[-2000:]
                raise RuntimeError(
                    f"{' '.join(command)}: exit {code}, {sent[0]} pairs in, "
                    f"{received} lines out: {tail}"
                )

    return run


def share(lines, k, n):
    """The pairs at positions K-1 mod N, positions counted over non-blank
    lines as `batch --jsonl` counts them."""
    return (
        lines.zipWithIndex()
        .filter(lambda pair: pair[1] % n == k - 1)
        .map(lambda pair: pair[0])
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="batch input, JSON lines")
    parser.add_argument("--out", required=True, help="folder for the result lines")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--binary", help="ship this backcheck binary (else --files)")
    parser.add_argument("--sections", action="store_true",
                        help="carry report.html sections (batch --sections)")
    parser.add_argument("--reports", help="merge the results into this folder "
                        "(needs the results on this machine)")
    parser.add_argument("--shards", type=int, default=0,
                        help="also run each share K/N into OUT-shard-K")
    args = parser.parse_args()

    started = time.monotonic()
    sc = SparkContext(appName="backcheck")
    sc.setLogLevel("WARN")
    if args.binary:
        sc.addFile(os.path.abspath(args.binary))
    print(f"spark-time context {time.monotonic() - started:.2f}", flush=True)

    extra = ["--sections"] if args.sections else []
    # The file's splits, in its order (a share is taken from them).
    source = sc.textFile(args.input, minPartitions=args.partitions).filter(
        lambda line: line.strip() != ""
    )
    lines = source
    if lines.getNumPartitions() < args.partitions:
        lines = lines.repartition(args.partitions)
    print(f"spark-partitions {lines.getNumPartitions()}", flush=True)

    t = time.monotonic()
    lines.mapPartitions(pipe_through_backcheck(extra)).saveAsTextFile(args.out)
    print(f"spark-time pipe {time.monotonic() - t:.2f}", flush=True)

    if args.reports:
        t = time.monotonic()
        # The driver has the binary too (added above or by --files).
        merge = [SparkFiles.get(BINARY), "merge", args.out, "--out", args.reports]
        code = subprocess.run(merge, check=False).returncode
        if code not in (0, 2):
            sys.exit(f"{' '.join(merge)}: exit {code}")
        print(f"spark-time merge {time.monotonic() - t:.2f}", flush=True)

    for k in range(1, args.shards + 1):
        t = time.monotonic()
        share(source, k, args.shards).mapPartitions(
            pipe_through_backcheck(extra)
        ).saveAsTextFile(f"{args.out}-shard-{k}")
        print(f"spark-time shard-{k} {time.monotonic() - t:.2f}", flush=True)

    sc.stop()


if __name__ == "__main__":
    main()
