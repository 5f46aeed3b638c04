#!/usr/bin/env bash
# scripts/scale-check.sh [PAIRS]: backcheck as a worker, end to end.
#
# The same generated input (PAIRS pairs from `backcheck synth --jsonl`,
# default 2000, some made into error pairs) is checked three ways:
#   1. one `backcheck batch` process;
#   2. GNU parallel, `--pipe --keep-order`, WORKERS jobs;
#   3. Apache Spark in local mode (pyspark), WORKERS partitions, each piped
#      through `backcheck batch --jsonl - --out -`, then `backcheck merge`.
# It checks that every pair comes back exactly once from each (error rows
# included), that the per-pair results are identical once sorted by pair
# id, that `backcheck merge` of the parallel and Spark results gives the
# four reports of one batch byte for byte, and that each share K/N run
# under either engine is identical to one process's `--shard K/N`. It
# prints the wall time of each way. Exit 0 when all holds.
#
# Sets up what it needs, idempotently: GNU parallel (Debian's package) and
# a Python virtual environment with pyspark under the cache folder
# ($BACKCHECK_CACHE, default ~/.cache/backcheck); Java 17 must be there
# (it is installed from Debian's openjdk-17-jre-headless if not).
# Environment: SCALE_WORKERS (default 4), SCALE_KEEP=1 keeps the work
# folder, SCALE_BIN uses that binary instead of building one,
# CARGO_TARGET_DIR as for cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

PAIRS=${1:-${SCALE_PAIRS:-2000}}
WORKERS=${SCALE_WORKERS:-4}
PYSPARK_VERSION=4.3.0
CACHE=${BACKCHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backcheck}
VENV=$CACHE/scale-venv
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$(realpath -m "${SCALE_BIN:-$TARGET/release/backcheck}")

say() { printf 'scale-check: %s\n' "$*"; }
fail() { printf 'scale-check: FAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# --- setup (idempotent) ------------------------------------------------
setup_started=$(now)
apt_install() {
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get install -y -q "$@" >/dev/null 2>&1 ||
        { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "$@" >/dev/null; }
}
command -v parallel >/dev/null || { say "installing GNU parallel"; apt_install parallel; }
command -v java >/dev/null || { say "installing Java 17"; apt_install openjdk-17-jre-headless; }
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    say "installing pyspark $PYSPARK_VERSION into $VENV"
    rm -rf "$VENV"
    mkdir -p "$CACHE"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
# SCALE_BIN: a binary just built from these sources (.ci/run passes the
# one `cargo test --release` built, which `cargo build` would build again
# with other dependency features).
[ -n "${SCALE_BIN:-}" ] || nice cargo build --release -q
[ -x "$BIN" ] || fail "no binary at $BIN"
say "setup $(since "$setup_started") s (parallel $(parallel --version | head -1 | awk '{print $3}'), pyspark $PYSPARK_VERSION, $(java -version 2>&1 | head -1))"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/scale-check.XXXXXX")
if [ "${SCALE_KEEP:-}" = 1 ]; then say "work folder $WORK (kept)"; else trap 'rm -rf "$WORK"' EXIT; fi
ROOT=$PWD
cd "$WORK"

# --- the input: generated pairs, some made errors (ids kept) --------------
"$BIN" synth "$ROOT"/seeds/000_*.txt "$ROOT"/seeds/00[234]_*.txt --jsonl "$PAIRS" > synth.jsonl 2> synth.err
ERRORS=$(python3 - synth.jsonl pairs.jsonl <<'EOF'
import json, sys
errors = 0
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
    for i, line in enumerate(src):
        pair = json.loads(line)
        if i % 97 == 41:
            pair["translation"] = ""          # an empty translation
            errors += 1
        elif i % 89 == 17:
            pair["original"] = "x\u0000y"     # a binary original
            errors += 1
        elif i % 250 == 7:
            pair["id"] += ' “quoted”, "x"'  # an id that CSV must quote
        dst.write(json.dumps(pair, ensure_ascii=False) + "\n")
print(errors)
EOF
)
say "input: $PAIRS pairs ($ERRORS error pairs), $(du -h pairs.jsonl | cut -f1)"

# Exit 2 means some pairs were error rows (expected here); anything else fails.
worker_ok() { [ "$1" = 0 ] || [ "$1" = 2 ]; }

# --- 1. one process ----------------------------------------------------
t=$(now)
rc=0; "$BIN" batch --jsonl pairs.jsonl --out - --sections --jobs 2 > single.jsonl 2> single.err || rc=$?
worker_ok $rc || fail "single process: exit $rc: $(tail -1 single.err)"
SINGLE=$(since "$t")
rc=0; "$BIN" batch --jsonl pairs.jsonl --out single-reports --jobs 2 2> single-reports.err || rc=$?
worker_ok $rc || fail "single process reports: exit $rc: $(tail -1 single-reports.err)"

# --- 2. GNU parallel ---------------------------------------------------
# Two blocks per job, so a job that finishes early takes another.
BLOCK=$(( $(stat -c %s pairs.jsonl) / (2 * WORKERS) + 1 ))
t=$(now)
parallel --pipe --keep-order --block "$BLOCK" -j "$WORKERS" --joblog parallel.log \
    "$BIN" batch --jsonl - --out - --sections --jobs 1 < pairs.jsonl > parallel.jsonl 2> parallel.err || true
PARALLEL=$(since "$t")
# Column 7 of the job log is the exit value, 8 the signal.
awk 'NR > 1 && (($7 != 0 && $7 != 2) || $8 != 0) { bad = 1 } END { exit bad }' parallel.log ||
    fail "GNU parallel: a job failed: $(cat parallel.log) $(tail -3 parallel.err)"
PARALLEL_JOBS=$(( $(wc -l < parallel.log) - 1 ))

# --- 3. Spark, local mode ----------------------------------------------
mkdir spark-conf
printf 'rootLogger.level = warn\nrootLogger.appenderRef.stderr.ref = console\nappender.console.type = Console\nappender.console.name = console\nappender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\nappender.console.layout.pattern = %%d{HH:mm:ss} %%p %%c{1}: %%m%%n\n' > spark-conf/log4j2.properties
t=$(now)
SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR=$PWD/spark-conf PYSPARK_PYTHON=$VENV/bin/python PYSPARK_DRIVER_PYTHON=$VENV/bin/python \
    "$VENV/bin/spark-submit" --master "local[$WORKERS]" --conf spark.ui.enabled=false \
    --files "$BIN" "$ROOT/scripts/scale_spark.py" \
    --input "$PWD/pairs.jsonl" --out "$PWD/spark-out" --partitions "$WORKERS" --sections \
    --reports "$PWD/spark-reports" --shards "$WORKERS" > spark.out 2> spark.err ||
    fail "Spark: $(tail -5 spark.err)"
SPARK=$(since "$t")
spark_time() { awk -v k="$1" '$1 == "spark-time" && $2 == k { print $3 }' spark.out; }
SPARK_PARTS=$(awk '$1 == "spark-partitions" { print $2 }' spark.out)

# --- the checks ----------------------------------------------------------
python3 "$ROOT/scripts/scale_compare.py" --input pairs.jsonl --errors "$ERRORS" \
    single=single.jsonl parallel=parallel.jsonl spark=spark-out || fail "per-pair results differ"

rc=0; "$BIN" merge parallel.jsonl --out parallel-reports 2> merge.err || rc=$?
worker_ok $rc || fail "merge of the parallel results: exit $rc: $(tail -1 merge.err)"
for way in parallel spark; do
    for report in findings.csv summary.csv findings.jsonl report.html; do
        cmp -s "single-reports/$report" "$way-reports/$report" ||
            fail "$way: merged $report differs from one batch's"
    done
    diff -r -q single-reports/report "$way-reports/report" > /dev/null ||
        fail "$way: the merged report folder differs from one batch's"
done
say "merged reports of parallel and of Spark: findings.csv, summary.csv, findings.jsonl, report.html and the report folder byte-identical to one batch's"

# Each share K/N: one process, GNU parallel (one job per share) and Spark.
t=$(now)
parallel -j "$WORKERS" --joblog shards.log \
    "$BIN batch --jsonl pairs.jsonl --shard {}/$WORKERS --out - --sections --jobs 1 > parallel-shard-{}.jsonl 2>/dev/null" \
    ::: $(seq "$WORKERS") || true
SHARDS_PARALLEL=$(since "$t")
awk 'NR > 1 && (($7 != 0 && $7 != 2) || $8 != 0) { bad = 1 } END { exit bad }' shards.log ||
    fail "GNU parallel shards: a job failed: $(cat shards.log)"
for k in $(seq "$WORKERS"); do
    rc=0; "$BIN" batch --jsonl pairs.jsonl --shard "$k/$WORKERS" --out - --sections --jobs 2 > single-shard-$k.jsonl 2>/dev/null || rc=$?
    worker_ok $rc || fail "single process, shard $k/$WORKERS: exit $rc"
    cmp -s single-shard-$k.jsonl parallel-shard-$k.jsonl || fail "GNU parallel's shard $k/$WORKERS differs from one process's"
    cat spark-out-shard-$k/part-* | cmp -s single-shard-$k.jsonl - || fail "Spark's shard $k/$WORKERS differs from one process's"
done
cat single-shard-*.jsonl | sort | cmp -s - <(sort single.jsonl) || fail "the shards together are not the whole run"
say "shards 1/$WORKERS … $WORKERS/$WORKERS: GNU parallel's and Spark's identical to one process's --shard, in order; together the whole run"

# --- wall times ------------------------------------------------------------
per_pair() { awk -v a="$1" -v b="$SINGLE" -v n="$PAIRS" 'BEGIN { printf "%+.2f ms", (a - b) * 1000 / n }'; }
say "wall times for $PAIRS pairs on $(nproc) cores:"
say "  one process (--jobs 2):                        $SINGLE s"
say "  GNU parallel ($PARALLEL_JOBS blocks, -j $WORKERS, --jobs 1):     $PARALLEL s (overhead $(per_pair "$PARALLEL") per pair)"
say "  Spark local[$WORKERS] ($SPARK_PARTS partitions), whole submit:  $SPARK s (context $(spark_time context) s, pipe and save $(spark_time pipe) s: overhead $(per_pair "$(spark_time pipe)") per pair; merge $(spark_time merge) s; $WORKERS shares $(awk '$1 == "spark-time" && $2 ~ /^shard-/ { s += $3 } END { printf "%.2f", s }' spark.out) s)"
say "  GNU parallel, $WORKERS shares of the file:               $SHARDS_PARALLEL s"
say "all checks passed"
