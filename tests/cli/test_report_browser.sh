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
run "$PARLEY" report "$TMPD/r.json" -o "$TMPD/report.html"
expect_rc 0 report

# Headless, as root in CI: no sandbox, no GPU, nothing from the network, a fresh profile.
browse() {
  local profile
  profile=$(mktemp -d "$TMPD/profile.XXXXXX")
  timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-quic \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" "file://$TMPD/report.html"
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
