#!/usr/bin/env bash
# Usage: version, help, unknown commands and options (exit 2 with a hint).
. "$(dirname "$0")/lib.sh"

run "$PARLEY" --version;            expect_rc 0 version; expect_out "parley 0.1.0" version
run "$PARLEY" help;                 expect_rc 0 help; expect_out "forecast" help; expect_out "validate" help
run "$PARLEY" --help;               expect_rc 0 --help; expect_out "Usage: parley COMMAND" --help
run "$PARLEY" help forecast;        expect_rc 0 "help forecast"; expect_out "--median-tie" "help forecast"
run "$PARLEY" forecast --help;      expect_rc 0 "forecast --help"; expect_out "--nbs-loss" "forecast --help"
run "$PARLEY" validate --help;      expect_rc 0 "validate --help"; expect_out "every error" "validate --help"
run "$PARLEY";                      expect_rc 2 "no command"
run "$PARLEY" forcast x.yaml;       expect_rc 2 "unknown command"; expect_err "did you mean 'forecast'?" "unknown command"
run "$PARLEY" help nope;            expect_rc 2 "help unknown"; expect_err "unknown command 'nope'" "help unknown"
run "$PARLEY" --frobnicate;         expect_rc 2 "unknown global option"; expect_err "unknown option '--frobnicate'" global
run "$PARLEY" forecast tests/data/minimal.yaml --modle mean
expect_rc 2 "unknown option"; expect_err "did you mean '--model'?" "unknown option"; expect_err "Try 'parley forecast --help'" hint
run "$PARLEY" forecast tests/data/minimal.yaml --model mean,foo
expect_rc 2 "unknown model"; expect_err "unknown model 'foo'" "unknown model"
run "$PARLEY" forecast tests/data/minimal.yaml --format xml;   expect_rc 2 "bad format"
run "$PARLEY" forecast tests/data/minimal.yaml --median-tie x;  expect_rc 2 "bad tie"
run "$PARLEY" forecast tests/data/minimal.yaml --nbs-loss 3;    expect_rc 2 "bad loss"
run "$PARLEY" forecast tests/data/minimal.yaml --nbs-weights y; expect_rc 2 "bad weights"
run "$PARLEY" forecast tests/data/minimal.yaml --format;        expect_rc 2 "missing value"; expect_err "needs a value" "missing value"
run "$PARLEY" forecast;                                         expect_rc 2 "no file"; expect_err "no input file" "no file"
run "$PARLEY" forecast a.yaml b.yaml;                           expect_rc 2 "two files"
run "$PARLEY" forecast tests/data/minimal.yaml --scale 0,10;    expect_rc 2 "scale on yaml"
run "$PARLEY" forecast no-such-file.yaml
expect_rc 2 "missing file"; expect_err "no-such-file.yaml: error: cannot open" "missing file"
run "$PARLEY" validate;                                         expect_rc 2 "validate no file"
finish
