#!/usr/bin/env bash
# test_security_doc.sh - issue 21, item 4: docs/security.md names, for each
# guarantee, the tests that check it; every file, test script, unit test
# and fuzz target it names must exist, or the page promises a check that is
# not there. Also: every command option that writes a file is listed in its
# "Outputs" section, and the page has the sections issue 21 asks for.
. "$(dirname "$0")/lib.sh"
DOC=docs/security.md

[ -f "$DOC" ] && ok || { bad "$DOC is missing"; finish; }

# every `path` under src/, tests/ or fuzz/ exists (globs: at least one match)
while read -r p; do
  # shellcheck disable=SC2086
  compgen -G "$p" >/dev/null && ok || bad "$DOC names $p, which does not exist"
done < <(grep -o '`\(src\|tests\|fuzz\)/[^`]*`' "$DOC" | tr -d '`' | sed 's/_\*_corpus$/_*.c/' | sort -u)

# a bare test script or unit test file name exists under tests/
while read -r f; do
  compgen -G "tests/*/$f" >/dev/null && ok || bad "$DOC names $f, which is not under tests/"
done < <(grep -o '`test_[a-z_]*\.\(sh\|c\)`' "$DOC" | tr -d '`' | sort -u)

# a unit test name (test_module__case, a trailing * for a family) is defined in tests/*/
while read -r t; do
  grep -q "static void ${t%\*}" tests/*/test_*.c && ok || bad "$DOC names the unit test $t, which is not defined"
done < <(grep -o '`test_[a-z_]*__[a-z_]*\*\?`' "$DOC" | tr -d '`' | sort -u)

# every option that writes a file appears in the Outputs section
for opt in "forecast -o" "--html" "--svg DIR" "report -o" "backtest -o" "--predictions" "ledger export"; do
  grep -qF -- "$opt" "$DOC" && ok || bad "$DOC: the Outputs section does not name $opt"
done
# ... and the sections the issue asks for are there
for h in "What is untrusted" "No crash" "No foreign code run from a ledger" "No data loss" \
         "Bounded memory and time" "No raw control sequences" "CSV formula neutralising"; do
  grep -q "^##.*$h" "$DOC" && ok || bad "$DOC has no section '$h'"
done

finish
