#!/usr/bin/env bash
# The scripted checks of issue 17, run against a release build:
#   cargo build --release && scripts/reliability_checks.sh [BINARY]
# Each check prints "ok: …" or "FAIL: …"; the script exits 1 if any failed.
# The same defects are pinned by tests/reliability.rs and batch::tests.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/backcheck}
bin=$(realpath "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
ok() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; failed=1; }
same_reports() {
  for f in findings.csv summary.csv findings.jsonl report.html; do
    cmp -s "$1/$f" "$2/$f" || return 1
  done
  # The report folder: the index and every pair's page.
  [ -f "$1/report/index.html" ] && diff -r -q "$1/report" "$2/report" >/dev/null || return 1
}
orig=seeds/000_3746ec981e8ff7bf.txt
trans=seeds/001_35c44ccd15055131.txt
python3 - "$tmp" "$orig" "$trans" <<'EOF'
import json, sys
tmp, o, t = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read()
same = "Officials met in Kyiv for three days. The talks ended well."
line = lambda i, a, b: json.dumps({"id": i, "original": a, "translation": b}) + "\n"
open(f"{tmp}/first.jsonl", "w").write(line(7, o, t))
open(f"{tmp}/dup.jsonl", "w").write(line("7", same, same) + line(7, o, t))
open(f"{tmp}/pair.jsonl", "w").write(line("p", o, t))
open(f"{tmp}/evil.jsonl", "w").write(
    line("=1+1", "=HYPERLINK(\"x\") Officials met in Kyiv. -5 came.", "+cmd|' /C calc'!A0 Officials met in Kiev. @SUM(A1) came."))
w = "a" * 1_000_000
open(f"{tmp}/long_o.txt", "w").write(f"Officials met in Kyiv. The word is {w} here.\n")
open(f"{tmp}/long_t.txt", "w").write(f"Officials met in Kiev. The word is {w}b here.\n")
open(f"{tmp}/num_o.txt", "w").write("Prices fell -5% in May. The count was 12345678901234567 units.\n")
open(f"{tmp}/num_t.txt", "w").write("Prices fell 5% in May. The count was 12345678901234568 units.\n")
EOF

# 1. Resume with duplicate ids equals a fresh run.
"$bin" batch --jsonl "$tmp/first.jsonl" --out "$tmp/r1" 2>/dev/null
"$bin" batch --jsonl "$tmp/dup.jsonl" --out "$tmp/r1" --resume 2>/dev/null
"$bin" batch --jsonl "$tmp/dup.jsonl" --out "$tmp/f1" 2>/dev/null
same_reports "$tmp/r1" "$tmp/f1" && ok "resume with duplicate ids equals a fresh run" \
  || fail "resume with duplicate ids differs from a fresh run"

# 2. --jsonl DIR exits 2 at once.
start=$(date +%s%N)
timeout 10 "$bin" batch --jsonl "$tmp" --out "$tmp/o2" 2>/dev/null
code=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$code" = 2 ] && [ "$ms" -lt 2000 ] && ok "--jsonl DIR exits 2 in ${ms} ms" \
  || fail "--jsonl DIR: exit $code after ${ms} ms"

# 3. A concurrent run is refused; the first run's reports equal a solo run's.
mkfifo "$tmp/feed"
"$bin" batch --jsonl "$tmp/feed" --out "$tmp/c" --jobs 1 2>/dev/null &
first=$!
exec 3>"$tmp/feed"
cat "$tmp/pair.jsonl" >&3
for _ in $(seq 200); do [ -d "$tmp/c/.backcheck-runs" ] && break; sleep 0.05; done
msg=$(timeout 10 "$bin" batch --jsonl "$tmp/pair.jsonl" --out "$tmp/c" 2>&1)
code=$?
exec 3>&-
wait "$first"
first_code=$?
"$bin" batch --jsonl "$tmp/pair.jsonl" --out "$tmp/solo" --jobs 1 2>/dev/null
if [ "$code" = 2 ] && [[ "$msg" == *"another backcheck run is writing to"* ]] \
  && [ "$first_code" = 0 ] && same_reports "$tmp/c" "$tmp/solo"; then
  ok "a concurrent run is refused and the first run equals a solo run"
else
  fail "concurrent run: second exit $code ($msg), first exit $first_code"
fi

# 4. No CSV cell starts with = + - @ (other than a plain number).
"$bin" batch --jsonl "$tmp/evil.jsonl" --out "$tmp/e" 2>/dev/null
"$bin" batch --jsonl "$tmp/evil.jsonl" --out "$tmp/ex" --excel 2>/dev/null
bad=$(python3 - "$tmp" <<'EOF'
import csv, re, sys
tmp = sys.argv[1]
bad = []
for d in ("e", "ex"):
    for name in ("findings.csv", "summary.csv"):
        with open(f"{tmp}/{d}/{name}", encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-]\d+(\.\d+)?", cell):
                        bad.append(cell)
print(len(bad))
EOF
)
[ "$bad" = 0 ] && ok "no CSV cell starts a formula" || fail "$bad CSV cells start a formula"

# 5. Sign and big-integer changes are found.
n=$("$bin" check "$tmp/num_o.txt" "$tmp/num_t.txt" 2>/dev/null | grep -c ',number,')
[ "$n" = 2 ] && ok "sign and big-integer changes found" || fail "number findings: $n, expected 2"

# 6. A 1 M-character word pair takes under 5 s.
start=$(date +%s%N)
timeout 30 "$bin" check "$tmp/long_o.txt" "$tmp/long_t.txt" >/dev/null 2>&1
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 5000 ] && ok "1 M-character word pair in ${ms} ms" || fail "1 M-character word pair took ${ms} ms"

# 7. --jobs 100000 returns within 10 s.
start=$(date +%s%N)
timeout 20 "$bin" batch --jsonl "$tmp/pair.jsonl" --out "$tmp/j" --jobs 100000 >/dev/null 2>&1
code=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$code" = 0 ] && [ "$ms" -lt 10000 ] && ok "--jobs 100000 returns in ${ms} ms" \
  || fail "--jobs 100000: exit $code after ${ms} ms"

# 8. A duplicate stem is not dropped.
mkdir -p "$tmp/po" "$tmp/pt"
cp "$orig" "$tmp/po/a.txt"; cp "$orig" "$tmp/po/a.md"; cp "$trans" "$tmp/pt/a.txt"
"$bin" batch --pair-dirs "$tmp/po" "$tmp/pt" --out "$tmp/p" 2>/dev/null
grep -q 'share the stem' "$tmp/p/summary.csv" && ok "a duplicate stem is an error row" \
  || fail "a duplicate stem was dropped"

# 9. Resume with a changed glossary equals a fresh run.
printf 'name,variants,action\nKyiv,Kiev,accept\n' > "$tmp/g.csv"
"$bin" batch --jsonl "$tmp/pair.jsonl" --out "$tmp/g1" 2>/dev/null
"$bin" batch --jsonl "$tmp/pair.jsonl" --out "$tmp/g1" --resume --glossary "$tmp/g.csv" 2>/dev/null
"$bin" batch --jsonl "$tmp/pair.jsonl" --out "$tmp/g2" --glossary "$tmp/g.csv" 2>/dev/null
same_reports "$tmp/g1" "$tmp/g2" && ok "resume with a changed glossary equals a fresh run" \
  || fail "resume with a changed glossary differs from a fresh run"

exit $failed
