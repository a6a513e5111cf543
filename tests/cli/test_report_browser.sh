#!/usr/bin/env bash
# The flagship report in a real browser (issue: the HTML report). Debian's
# chromium renders the page headless to a PNG, which must not be blank and
# must show the charts' colours; its DOM must hold every expected chart with
# the data of the JSON result (tests/browser/check_dom.py); the browser's
# console must stay silent (the page has no script, so any message is an
# error). Installs nothing: scripts/install-deps.sh installs chromium.
. "$(dirname "$0")/lib.sh"
F=examples/security-guarantees-2022.yaml
B=tests/browser

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "SKIP: chromium not installed (scripts/install-deps.sh installs it)"
  finish
fi

run "$PARLEY" forecast "$F" --draws 1000 --quiet --format json -o "$TMPD/r.json"
expect_rc 0 "forecast json"
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/report.html" --svg "$TMPD/svg"
expect_rc 0 report
# a ledger: the experts' forecasts exported from a fresh ledger
run "$PARLEY" ledger import examples/security-guarantees-2022-experts.yaml --db "$TMPD/l.sqlite"
run "$PARLEY" ledger export --format json --db "$TMPD/l.sqlite" -o "$TMPD/lx.json"
run "$PARLEY" report "$TMPD/lx.json" -o "$TMPD/ledger.html"
expect_rc 0 "ledger report"

# Headless, as root in CI: no sandbox, no GPU, nothing from the network, a fresh profile.
browse() {
  local profile
  profile=$(mktemp -d "$TMPD/profile.XXXXXX")
  local page=${PAGE:-$TMPD/report.html}
  timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-quic \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" "file://$page"
}

browse --screenshot="$TMPD/report.png" --window-size=1280,4000 >"$TMPD/shot.out" 2>"$TMPD/shot.err"
expect_eq "$?" "0" "chromium --screenshot"
if [ -s "$TMPD/report.png" ]; then
  ok
  # width height distinct-colours ink-share pixels-of-#0072B2 pixels-of-#E69F00
  read -r W H NCOL INK BLUE ORANGE < <(python3 "$B/png.py" stats "$TMPD/report.png" 0072B2 E69F00)
  expect_eq "${W}x${H}" "1280x4000" "screenshot size"
  [ "${NCOL:-0}" -ge 64 ] && ok || bad "the screenshot has only ${NCOL:-0} colours: blank?"
  awk -v i="${INK:-0}" 'BEGIN { exit !(i > 0.03 && i < 0.9) }' && ok || bad "ink share ${INK:-?} (blank or black page)"
  [ "${BLUE:-0}" -ge 100 ] && ok || bad "no Okabe-Ito blue (#0072B2) on screen: are the charts drawn? (${BLUE:-0} px)"
  [ "${ORANGE:-0}" -ge 20 ] && ok || bad "no Okabe-Ito orange (#E69F00) on screen (${ORANGE:-0} px)"
else
  bad "no screenshot (stderr: $(tail -c 400 "$TMPD/shot.err"))"
fi

browse --dump-dom >"$TMPD/dom.html" 2>"$TMPD/dom.err"
expect_eq "$?" "0" "chromium --dump-dom"
python3 "$B/check_dom.py" "$TMPD/r.json" "$TMPD/dom.html" >"$TMPD/dom.check" 2>&1 && ok \
  || bad "DOM check: $(grep FAIL "$TMPD/dom.check" | head -5 | tr '\n' ';') $(tail -1 "$TMPD/dom.check")"
grep -q "24 charts checked" "$TMPD/dom.check" && ok || bad "expected 24 charts: $(tail -1 "$TMPD/dom.check")"

# the package charts and the exchange model's exchanges, as the browser parsed them
python3 - "$TMPD/r.json" "$TMPD/dom.html" <<'PY' >"$TMPD/pkg.check" 2>&1 && ok || bad "package charts in the DOM: $(tail -3 "$TMPD/pkg.check")"
import json, sys
sys.path.insert(0, "tests/browser")
from check_dom import Tree
d = json.load(open(sys.argv[1]))
t = Tree(); t.feed(open(sys.argv[2], encoding="utf-8").read()); root = t.root
sec = list(root.find("section", id="packages"))
assert len(sec) == 1, "a Package deals section"
charts = list(sec[0].find("svg", data_chart="package"))
assert len(charts) == sum(min(6, len(p["issues"]) * (len(p["issues"]) - 1) // 2) for p in d["packages"]), len(charts)
issues = {i["id"]: i for i in d["issues"]}
for svg in charts:
    g = next(svg.find("g", data_package=True))
    p = next(p for p in d["packages"] if p["id"] == g.attrs["data-package"])
    ia, ib = g.attrs["data-issue-x"], g.attrs["data-issue-y"]
    assert ia in p["issues"] and ib in p["issues"], (ia, ib)
    sq = next(svg.find(data_status_quo_x=True))
    assert float(sq.attrs["data-status-quo-x"]) == issues[ia]["status_quo"]
    assert float(sq.attrs["data-status-quo-y"]) == issues[ib]["status_quo"]
    pt = next(svg.find(data_package_point=True))
    assert abs(float(pt.attrs["data-x"]) - p["package"][ia]) < 1e-9 and abs(float(pt.attrs["data-y"]) - p["package"][ib]) < 1e-9
    # every actor with a stance on both issues has its ideal point there
    both = [a["id"] for a in issues[ia]["actors"] if a["id"] in {b["id"] for b in issues[ib]["actors"]}]
    dots = {c.attrs["data-actor"]: c for c in svg.find("circle", data_actor=True)}
    assert set(dots) == set(both), (set(dots), set(both))
    for a in issues[ia]["actors"]:
        if a["id"] in dots:
            assert float(dots[a["id"]].attrs["data-x"]) == a["position"]
    # the package lies inside each member's contour exactly when the chart says so
    inside = all(((float(pt.attrs["data-x"]) - float(c.attrs["data-cx"])) / float(c.attrs["data-rx"])) ** 2 +
                 ((float(pt.attrs["data-y"]) - float(c.attrs["data-cy"])) / float(c.attrs["data-ry"])) ** 2 < 1
                 for c in svg.find("g", data_contour=True, data_member="1")
                 if c.attrs["data-rx"] not in ("inf", "nan") and c.attrs["data-ry"] not in ("inf", "nan"))
    if p["venues"][0]["feasible_without_ratification"] and p["venue"] == p["venues"][0]["venue"]:
        assert g.attrs["data-package-inside"] == "true" and inside, (p["id"], ia, ib)
    assert list(svg.find("path", data_region="preferred")), "a shaded region"
# the exchange model: the largest exchanges under each issue, largest first
for i in d["issues"]:
    ex = i["models"]["exchange"]["exchanges"]
    sec = next(root.find("section", data_issue=i["id"]))
    ol = list(sec.find("ol", **{"class": "exchanges"}))
    assert len(ol) == (1 if ex else 0), i["id"]
    if ex:
        got = [float(li.attrs["data-gain"]) for li in ol[0].find("li")]
        want = sorted((x["gain"] for x in ex), reverse=True)[:5]
        assert all(abs(a - b) < 1e-12 for a, b in zip(got, want)) and len(got) == len(want), (got, want)
print("%d package charts checked" % len(charts))
PY
grep -q "15 package charts checked" "$TMPD/pkg.check" && ok || bad "expected 15 package charts: $(tail -1 "$TMPD/pkg.check")"

# a package chart on its own: the members' colours and the shaded package set on screen
PAGE="$TMPD/svg/package-03-restraint-for-arms-control-1-3.svg" browse --screenshot="$TMPD/package.png" \
  --window-size=960,600 >/dev/null 2>"$TMPD/pk.err"
if [ -s "$TMPD/package.png" ]; then
  read -r W H NCOL INK BLUE VERM < <(python3 "$B/png.py" stats "$TMPD/package.png" 0072B2 D55E00)
  [ "${NCOL:-0}" -ge 32 ] && ok || bad "package chart: only ${NCOL:-0} colours"
  [ "${BLUE:-0}" -ge 50 ] && [ "${VERM:-0}" -ge 50 ] && ok || bad "package chart: members' colours missing (${BLUE:-0}, ${VERM:-0} px)"
else
  bad "no screenshot of the package chart (stderr: $(tail -c 300 "$TMPD/pk.err"))"
fi

# the ledger report: its calibration chart on screen and in the DOM
PAGE="$TMPD/ledger.html" browse --screenshot="$TMPD/ledger.png" --window-size=1280,1600 >/dev/null 2>"$TMPD/lshot.err"
if [ -s "$TMPD/ledger.png" ]; then
  read -r W H NCOL INK BLUE ORANGE < <(python3 "$B/png.py" stats "$TMPD/ledger.png" 0072B2 E69F00)
  [ "${NCOL:-0}" -ge 32 ] && ok || bad "ledger screenshot: only ${NCOL:-0} colours"
  [ "${BLUE:-0}" -ge 100 ] && ok || bad "ledger screenshot: no calibration markers (#0072B2: ${BLUE:-0} px)"
else
  bad "no screenshot of the ledger report (stderr: $(tail -c 300 "$TMPD/lshot.err"))"
fi
PAGE="$TMPD/ledger.html" browse --dump-dom >"$TMPD/ldom.html" 2>"$TMPD/ldom.err"
python3 - "$TMPD/lx.json" "$TMPD/ldom.html" <<'PY' >"$TMPD/ledger.check" 2>&1 && ok || bad "ledger DOM: $(tail -3 "$TMPD/ledger.check")"
import json, sys
sys.path.insert(0, "tests/browser")
from check_dom import Tree
d = json.load(open(sys.argv[1]))
t = Tree(); t.feed(open(sys.argv[2], encoding="utf-8").read()); root = t.root
assert len(list(root.find("tr", data_question=True))) == len(d["forecasts"])
cal = list(root.find("svg", data_chart="calibration"))
assert len(cal) == 1 and cal[0].attrs.get("role") == "img"
assert list(cal[0].find(data_diagonal=True))
bins = list(cal[0].find(data_bin=True))
assert bins and all(0 <= float(b.attrs["data-mean-p"]) <= 1 and 0 <= float(b.attrs["data-observed"]) <= 1 for b in bins)
forecasters = {f["forecaster"] for f in d["forecasts"]}
assert {tr.attrs["data-forecaster"] for tr in root.find("tr", data_forecaster=True)} == forecasters
assert not list(root.find("script"))
PY
grep -h ':CONSOLE' "$TMPD/pk.err" "$TMPD/lshot.err" "$TMPD/ldom.err" >"$TMPD/console2" && bad "browser console: $(head -c 300 "$TMPD/console2")" || ok

# console: no message at all (the page has no script); any uncaught error fails too
if grep -h ':CONSOLE' "$TMPD/shot.err" "$TMPD/dom.err" >"$TMPD/console"; then
  bad "browser console: $(head -c 400 "$TMPD/console")"
else
  ok
fi
grep -q '<script' "$TMPD/dom.html" && bad "the page has a script" || ok

# printable: the print style sheet gives a page per issue (the PDF has more pages than issues)
browse --print-to-pdf="$TMPD/report.pdf" --no-pdf-header-footer >/dev/null 2>"$TMPD/pdf.err"
if [ -s "$TMPD/report.pdf" ]; then
  PAGES=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", open(sys.argv[1],"rb").read())))' "$TMPD/report.pdf")
  [ "${PAGES:-0}" -ge 7 ] && ok || bad "the printed report has ${PAGES:-0} pages, expected at least 7"
else
  bad "chromium --print-to-pdf wrote nothing (stderr: $(tail -c 300 "$TMPD/pdf.err"))"
fi

finish
