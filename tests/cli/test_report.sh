#!/usr/bin/env bash
# The HTML report from the command line (docs/report.md): `parley report
# RESULT.json` renders a saved forecast or backtest as one self-contained,
# valid HTML page (checked with tidy when installed), --svg writes each
# chart as a well-formed SVG file, output is reproducible and atomic, and a
# bad JSON result is reported as FILE:LINE:COL with exit status 2.
# The same page in a real browser: test_report_browser.sh.
. "$(dirname "$0")/lib.sh"
F=examples/security-guarantees-2022.yaml

# usage
run "$PARLEY" report --help
expect_rc 0 help; expect_out "Usage: parley report RESULT.json" help
run "$PARLEY" report
expect_rc 2 "no input"; expect_err "no input file"
run "$PARLEY" report a.json b.json
expect_rc 2 "two inputs"; expect_err "more than one input file"
run "$PARLEY" report a.json --svgdir x
expect_rc 2 "unknown option"; expect_err "did you mean '--svg'"
run "$PARLEY" report a.json --tornado nope
expect_rc 2 "bad tornado model"; expect_err "unknown model 'nope'"
run "$PARLEY" report "$TMPD/missing.json"
expect_rc 2 "missing file"; expect_err "$TMPD/missing.json: error: cannot open '$TMPD/missing.json': No such file"
run "$PARLEY" help
expect_out "report" "listed in help"

# the flagship with Monte Carlo draws
run "$PARLEY" forecast "$F" --draws 300 --quiet --format json -o "$TMPD/r.json"
expect_rc 0 "forecast json"
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/r.html" --svg "$TMPD/svg"
expect_rc 0 report; expect_no_out "report -o"
[ -s "$TMPD/r.html" ] && ok || bad "report: no page written"
ls "$TMPD" | grep -q '\.tmp\.' && bad "a temporary file was left behind" || ok
expect_eq "$(ls "$TMPD/svg" | wc -l | tr -d ' ')" "39" "one SVG per chart (6 issues x 4 charts, 6 + 3 + 6 package pairs)"
[ -s "$TMPD/svg/package-03-restraint-for-arms-control-1-2.svg" ] && ok || bad "package chart file"
[ -s "$TMPD/svg/04-missiles-positions.svg" ] && ok || bad "04-missiles-positions.svg"
[ -s "$TMPD/svg/04-missiles-tornado.svg" ] && ok || bad "04-missiles-tornado.svg"

python3 - "$TMPD/r.json" "$TMPD/r.html" "$TMPD/svg" <<'PY' && ok || bad "page and SVG contents"
import json, os, re, sys
import xml.etree.ElementTree as ET
d = json.load(open(sys.argv[1]))
html = open(sys.argv[2], encoding="utf-8").read()
svgdir = sys.argv[3]
assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">"), html[:60]
# self-contained: no script, no external style, font, image or frame
for bad in ("<script", "<link", "<img", "<iframe", "@import", "url(", "https:"):
    assert bad not in html, bad
assert set(re.findall(r"http://[^\"' ]*", html)) == {"http://www.w3.org/2000/svg"}
assert "@media print" in html
# what a reader looks for
assert d["scenario"]["title"] in html and "As of 2022-01-18" in html
for doc in d["scenario"]["documents"]:
    assert doc["title"].replace("'", "&#39;") in html, doc["id"]
for i in d["issues"]:
    assert 'id="issue-%s"' % i["id"] in html
    for l in i["labels"]:
        assert l["text"].replace("'", "&#39;") in html, l["text"]
assert "Is an agreement possible? Yes:" in html and "Is an agreement possible? No:" in html
assert "Ratification by <strong>US Senate advice and consent to a treaty</strong>" in html
assert "Over the 300 draws" in html
# every chart file is well-formed XML, an accessible SVG image, and the page embeds it byte for byte
names = sorted(os.listdir(svgdir))
for n in names:
    text = open(os.path.join(svgdir, n), encoding="utf-8").read()
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg", n
    assert root.get("role") == "img" and root.get("aria-label"), n
    assert root.find("{http://www.w3.org/2000/svg}title") is not None, n
    assert root.find("{http://www.w3.org/2000/svg}desc").text, n
    assert text.split("\n", 1)[1] in html, n
kinds = sorted({n.split("-")[-1] for n in names if not n.startswith("package-")})
assert kinds == ["distributions.svg", "positions.svg", "rounds.svg", "tornado.svg"], kinds
# a package chart per pair of linked issues (at most 6), with the package's data
pk = [n for n in names if n.startswith("package-")]
assert len(pk) == sum(min(6, len(p["issues"]) * (len(p["issues"]) - 1) // 2) for p in d["packages"]), pk
assert "<h2 id=\"h-packages\">Package deals</h2>" in html
for p in d["packages"]:
    assert 'data-package="%s"' % p["id"] in html, p["id"]
    assert p["reason"].replace("'", "&#39;") in html, p["reason"]
# the exchange model's largest exchanges under each issue
for i in d["issues"]:
    ex = i["models"].get("exchange")
    if ex and ex["exchanges"]:
        assert '<ol class="exchanges" data-exchanges="%d">' % len(ex["exchanges"]) in html, i["id"]
PY

# valid HTML: tidy's HTML5 checks (warnings count as failures)
if command -v tidy >/dev/null; then
  tidy -q -e "$TMPD/r.html" >"$TMPD/tidy" 2>&1 && ok || bad "tidy: $(head -c 600 "$TMPD/tidy")"
else
  echo "SKIP: tidy not installed (scripts/install-deps.sh installs it)"
fi

# reproducible; standard input; to standard output
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/r2.html"
cmp -s "$TMPD/r.html" "$TMPD/r2.html" && ok || bad "two renders differ"
run "$PARLEY" report "$TMPD/r.json"
cmp -s "$TMPD/out" "$TMPD/r.html" && ok || bad "stdout differs from -o"
"$PARLEY" report - <"$TMPD/r.json" >"$TMPD/stdin.html" 2>"$TMPD/err"
expect_eq "$?" "0" "stdin"
grep -q "from <code>&lt;stdin&gt;</code>" "$TMPD/stdin.html" && ok || bad "stdin named <stdin>"

# a point forecast: no distributions or tornado, still every other chart
run "$PARLEY" forecast tests/data/institutions.yaml --format json -o "$TMPD/p.json"
run "$PARLEY" report "$TMPD/p.json" -o "$TMPD/p.html" --svg "$TMPD/psvg"
expect_rc 0 "point report"
grep -q 'data-chart="distributions"' "$TMPD/p.html" && bad "no draws, no distributions" || ok
grep -q 'data-chart="positions"' "$TMPD/p.html" && ok || bad "point report positions"
expect_eq "$(ls "$TMPD/psvg" | grep -c rounds)" "2" "point report: rounds of both issues"

# a backtest result renders its table
run "$PARLEY" backtest tests/data/backtest/small-positions.csv --outcomes tests/data/backtest/small-outcomes.csv \
  --format json -o "$TMPD/bt.json"
if [ "$RC" -eq 0 ]; then
  run "$PARLEY" report "$TMPD/bt.json" -o "$TMPD/bt.html" --svg "$TMPD/btsvg"
  expect_rc 0 "backtest report"
  grep -q 'parley backtest report' "$TMPD/bt.html" && ok || bad "backtest page"
  expect_eq "$(grep -c '<tr data-model=' "$TMPD/bt.html")" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["models"]))' "$TMPD/bt.json")" "a row per model"
  [ -s "$TMPD/btsvg/backtest-mae.svg" ] && ok || bad "backtest chart file"
  if command -v tidy >/dev/null; then
    tidy -q -e "$TMPD/bt.html" >"$TMPD/tidy" 2>&1 && ok || bad "tidy backtest: $(head -c 600 "$TMPD/tidy")"
  fi
else
  bad "parley backtest failed: $(head -c 300 "$TMPD/err")"
fi

# a ledger: the export (forecasts, resolutions, scores, calibration) and the score table
run "$PARLEY" ledger import examples/security-guarantees-2022-experts.yaml --db "$TMPD/l.sqlite"
expect_rc 0 "ledger import"
run "$PARLEY" ledger export --format json --db "$TMPD/l.sqlite" -o "$TMPD/lx.json"
run "$PARLEY" ledger score --format json --db "$TMPD/l.sqlite" -o "$TMPD/ls.json"
run "$PARLEY" report "$TMPD/lx.json" -o "$TMPD/lx.html" --svg "$TMPD/lxsvg"
expect_rc 0 "ledger export report"
run "$PARLEY" report "$TMPD/ls.json" -o "$TMPD/ls.html"
expect_rc 0 "ledger score report"
[ -s "$TMPD/lxsvg/ledger-calibration.svg" ] && ok || bad "calibration chart file"
python3 - "$TMPD/lx.json" "$TMPD/lx.html" "$TMPD/ls.json" "$TMPD/ls.html" <<'PY' && ok || bad "ledger report contents"
import json, re, sys
lx = json.load(open(sys.argv[1])); hx = open(sys.argv[2], encoding="utf-8").read()
ls = json.load(open(sys.argv[3])); hs = open(sys.argv[4], encoding="utf-8").read()
assert hx.count("<tr data-question=") == len(lx["forecasts"])
assert 'data-chart="calibration"' in hx and 'data-chart="calibration"' in hs
# the Brier scores the export page computes are those of `ledger score`
got = {m.group(1): float(m.group(2)) for m in re.finditer(r'<tr data-forecaster="([^"]*)">.*?data-brier="([^"]*)"', hx)}
for r in ls["rows"]:
    name = r["group"].replace("&", "&amp;")
    assert abs(got[name] - r["binary"]["brier"]) < 1e-12, (name, got.get(name), r["binary"]["brier"])
    assert '<tr data-group="%s">' % name in hs, name
# the pooled calibration bins hold every scored forecast
ns = sum(int(n) for n in re.findall(r'data-n="(\d+)"', hx))
assert ns == sum(r["binary"]["n"] for r in ls["rows"]), ns
PY
# value questions on different scales: both pages average errors in percent of
# each question's scale (by hand: |5 - 3.67| / 20, |6000 - 5060| / 20000 and
# |8 - 10| / 10 are 6.65 %, 4.7 % and 20 %: 10.45 %), not in mixed units (314.44)
cat > "$TMPD/scales.yaml" <<'EOF2'
parley_ledger: 1
questions:
  - {id: u/enrichment, text: "Enrichment", kind: value, scale: [0, 20], resolution: {outcome: 3.67, date: 2015-07-14, source: "JCPOA"}}
  - {id: u/centrifuges, text: "Centrifuges", kind: value, scale: [0, 20000], resolution: {outcome: 5060, date: 2015-07-14, source: "JCPOA"}}
  - {id: u/embargo, text: "Years", kind: value, scale: [0, 10], resolution: {outcome: 10, date: 2015-07-14, source: "UNSCR 2231"}}
forecasts:
  - {question: u/enrichment, forecaster: Ann, date: 2015-03-01, value: 5}
  - {question: u/centrifuges, forecaster: Ann, date: 2015-03-01, value: 6000}
  - {question: u/embargo, forecaster: Ann, date: 2015-03-01, value: 8}
EOF2
run "$PARLEY" ledger import "$TMPD/scales.yaml" --db "$TMPD/sc.sqlite"
run "$PARLEY" ledger export --format json --db "$TMPD/sc.sqlite" -o "$TMPD/scx.json"
run "$PARLEY" ledger score --format json --db "$TMPD/sc.sqlite" -o "$TMPD/scs.json"
run "$PARLEY" report "$TMPD/scx.json" -o "$TMPD/scx.html"
expect_rc 0 "report of values on several scales (export)"
run "$PARLEY" report "$TMPD/scs.json" -o "$TMPD/scs.html"
expect_rc 0 "report of values on several scales (scores)"
grep -qE '<tr data-forecaster="Ann">.*<td class="n">10\.45</td></tr>' "$TMPD/scx.html" && ok || bad "export page: MAE in % of each scale"
grep -qE '<tr data-group="Ann">.*<td class="n">10\.45</td></tr>' "$TMPD/scs.html" && ok || bad "score page: MAE in % of each scale"
if command -v tidy >/dev/null; then
  tidy -q -e "$TMPD/lx.html" >"$TMPD/tidy" 2>&1 && ok || bad "tidy ledger export: $(head -c 600 "$TMPD/tidy")"
  tidy -q -e "$TMPD/ls.html" >"$TMPD/tidy" 2>&1 && ok || bad "tidy ledger score: $(head -c 600 "$TMPD/tidy")"
fi

# bad JSON: every problem with its position, exit 2, nothing written
printf '{\n  "issues": [\n    {"id": "x",}\n  ]\n}\n' >"$TMPD/syntax.json"
run "$PARLEY" report "$TMPD/syntax.json" -o "$TMPD/bad.html"
expect_rc 2 "syntax"; expect_err "$TMPD/syntax.json:3:15: error: JSON syntax error"
[ -e "$TMPD/bad.html" ] && bad "a page was written for bad JSON" || ok
printf '{"issues": [\n {"id": "x", "scale": [0, 100],\n  "status_quo": "low", "actors": [{"id": 1, "position": 5}]}]}\n' >"$TMPD/types.json"
run "$PARLEY" report "$TMPD/types.json"
expect_rc 2 "types"
expect_err "$TMPD/types.json:3:17: error: expected a number, found a string (a number)"
expect_err "$TMPD/types.json:3:42: error: expected a string, found a number (a string)"
expect_no_out "types"
printf '{"title": "a scenario, not a result"}\n' >"$TMPD/other.json"
run "$PARLEY" report "$TMPD/other.json"
expect_rc 2 "not a result"; expect_err "not a parley result"

# an unwritable output: exit 1, no partial page
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/no/such/dir/r.html"
expect_rc 1 "unwritable -o"
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/r3.html" --svg "$TMPD/r.html"
expect_rc 1 "--svg on a file"; expect_err "cannot create the directory"

# parley forecast --html FILE [--svg DIR] gives the same page (once the option exists)
if "$PARLEY" help forecast | grep -q -- '--html'; then
  run "$PARLEY" forecast "$F" --draws 300 --quiet --html "$TMPD/f.html" --svg "$TMPD/fsvg"
  expect_rc 0 "forecast --html"
  # the same page but for the line naming what it was rendered from
  diff <(grep -v 'Report rendered by parley' "$TMPD/f.html") <(grep -v 'Report rendered by parley' "$TMPD/r.html") \
    >/dev/null && ok || bad "forecast --html differs from report of the saved JSON"
  expect_eq "$(ls "$TMPD/fsvg" | wc -l | tr -d ' ')" "39" "forecast --svg"
fi

finish
