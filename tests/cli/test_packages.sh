#!/usr/bin/env bash
# Packages in the scenario, end to end: `parley validate` accepts the test
# scenarios of tests/data/packages/ and the flagship's `packages:`, and
# reports every mistake in a `packages:` section as
# FILE:LINE:COL: error: what (expected), with exit status 2 and nothing on
# stdout (docs/packages.md, "Errors"). Each bad input is the valid base
# below with one package changed; positions are counted in it.
. "$(dirname "$0")/lib.sh"

# ---- valid inputs ----
for f in tests/data/packages/*.yaml examples/security-guarantees-2022.yaml; do
  run "$PARLEY" validate "$f"
  expect_rc 0 "validate $f"
done

# ---- the base: lines 1-14, packages from line 15 ----
# Venues: va discusses a, c and d, vb b and c; no venue has a and b.
base() {
  cat <<'EOF'
parley: 1
title: "Packages: bad input"
issues:
  - {id: a, title: "A", status_quo: 50}
  - {id: b, title: "B", status_quo: 50}
  - {id: c, title: "C", status_quo: 50}
  - {id: d, title: "D (no status quo)"}
actors:
  - {id: x, name: "X", capability: 1, positions: {a: {position: 10, salience: 90}, b: {position: 90, salience: 10}, c: {position: 5, salience: 5}, d: {position: 5, salience: 5}}}
  - {id: y, name: "Y", capability: 1, positions: {a: {position: 90, salience: 10}, b: {position: 10, salience: 90}, c: {position: 5, salience: 5}, d: {position: 5, salience: 5}}}
venues:
  - {id: va, rule: bilateral, members: [x, y], issues: [a, c, d]}
  - {id: vb, rule: bilateral, members: [x, y], issues: [b, c]}
packages:
EOF
}

# bad LABEL LINE:COL WORD... < packages: `validate` exits 2 with that error.
bad_input() {
  local label=$1 lc=$2 f="$TMPD/$1.yaml"
  shift 2
  { base; cat; } > "$f"
  run "$PARLEY" validate "$f"
  expect_rc 2 "$label"
  expect_no_out "$label"
  expect_diag "$label" "$f" "$lc" "$@"
}

# the base with a valid package
{ base; echo "  - {id: ok, issues: [a, c]}"; echo "  - {id: ok2, issues: [c, b], venue: vb}"; } > "$TMPD/good.yaml"
run "$PARLEY" validate "$TMPD/good.yaml"
expect_rc 0 "valid package"

# linking an unknown issue: at the unknown id
bad_input unknown-issue 15:25 "unknown issue 'zz' in package issues" "(the id of an entry in 'issues')" <<'EOF'
  - {id: p, issues: [a, zz]}
EOF

# no venue has both a and b: at the list of issues
bad_input no-common-venue 15:21 "no venue has all the issues of package 'p' on its table" "or a 'venue'" <<'EOF'
  - {id: p, issues: [a, b]}
EOF

# the venue named lacks an issue: at that issue
bad_input venue-lacks-issue 15:25 "issue 'b' of package 'p' is not on the table of venue 'va'" "(issues listed in the venue's 'issues')" <<'EOF'
  - {id: p, issues: [a, b], venue: va}
EOF

bad_input unknown-venue 15:36 "unknown venue 'vz'" "(the id of an entry in 'venues'; did you mean 'va'?)" <<'EOF'
  - {id: p, issues: [a, b], venue: vz}
EOF

# d has no status quo
bad_input no-status-quo 15:25 "issue 'd' has no status_quo" "(issues with a status_quo)" <<'EOF'
  - {id: p, issues: [a, d], venue: va}
EOF

bad_input one-issue 15:21 "package 'p' links 1 issue" "(2 to 4 issue ids)" <<'EOF'
  - {id: p, issues: [a]}
EOF

bad_input misspelt-key 15:13 "unknown key 'isues' in package" "did you mean 'issues'?" <<'EOF'
  - {id: p, isues: [a, b]}
EOF

bad_input duplicate-id 16:10 "duplicate package id 'p'" <<'EOF'
  - {id: p, issues: [a, c]}
  - {id: p, issues: [c, a]}
EOF

bad_input missing-issues 15:5 "missing required field 'issues' in package 'p'" <<'EOF'
  - {id: p, venue: va}
EOF

# several mistakes: all of them, in order of position
{ base; cat <<'EOF'; } > "$TMPD/many.yaml"
  - {id: p, issues: [a, zz]}
  - {id: q, issues: [a, b], venue: va}
  - {id: r, isues: [a]}
EOF
run "$PARLEY" validate "$TMPD/many.yaml"
expect_rc 2 many
n=$(grep -c ': error: ' "$TMPD/err")
# three: the misspelt 'isues' is not also "missing required field 'issues'"
[ "$n" -eq 3 ] && ok || bad "many: $n errors, expected 3 (stderr: $(cat "$TMPD/err"))"
expect_diag many "$TMPD/many.yaml" 15:25 "unknown issue 'zz'"
expect_diag many "$TMPD/many.yaml" 16:25 "issue 'b' of package 'q'"
expect_diag many "$TMPD/many.yaml" 17:13 "unknown key 'isues'"

finish
