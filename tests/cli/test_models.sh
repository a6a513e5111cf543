#!/usr/bin/env bash
# Every model of the one model table is reachable from the CLI: the names
# `parley forecast --help` lists are the ones `--model` takes (each alone),
# a stage's `model:` key takes, and `parley backtest --models` takes (all but
# the exchange model, which needs every issue of a scenario). The list comes
# from the program, so a model added to the table is tested here as is.
. "$(dirname "$0")/lib.sh"
S=tests/data/institutions.yaml
D=tests/data/backtest

run "$PARLEY" forecast --help
expect_rc 0 "forecast --help"
# the model rows of the help: "  name  Title" under --model
MODELS=$(awk '/--model LIST/ { on = 1; next } on && /^  --/ { exit } on { print $1 }' "$TMPD/out")
[ "$(echo "$MODELS" | wc -w)" -ge 6 ] && ok || bad "forecast --help lists the models: '$MODELS'"
for m in mean compromise median nbs bdm exchange pivot-mid blend; do
	echo "$MODELS" | grep -qx -- "$m" && ok || bad "forecast --help lacks model $m"
done

for m in $MODELS; do
	run "$PARLEY" forecast "$S" --model "$m" --format csv
	expect_rc 0 "--model $m"
	# one row per issue, of this model only, with a forecast or a message
	expect_eq "$(grep -c ",$m," "$TMPD/out")" "2" "--model $m rows"
	expect_eq "$(tail -n +2 "$TMPD/out" | grep -vc ",$m,")" "0" "--model $m: no other model"
	# a stage's model: key (the venue 'pair' has both issues on its table)
	sed "s/^    model: compromise$/    model: $m/" "$S" > "$TMPD/stage.yaml"
	run "$PARLEY" validate "$TMPD/stage.yaml"
	expect_rc 0 "stage model: $m"
	if [ "$m" != exchange ]; then
		run "$PARLEY" backtest "$D/small-deu.csv" --models "$m" --format csv
		expect_rc 0 "backtest --models $m"
		expect_out "$m," "backtest --models $m row"
	fi
done

# unknown names are refused with the list of the table
run "$PARLEY" forecast "$S" --model no-such-model
expect_rc 2 "unknown --model"
expect_err "unknown model 'no-such-model'" "unknown --model message"
expect_err "pivot-mid" "unknown --model lists the table"
sed "s/^    model: compromise$/    model: no-such-model/" "$S" > "$TMPD/stage.yaml"
run "$PARLEY" validate "$TMPD/stage.yaml"
expect_rc 2 "unknown stage model"
expect_err "no-such-model" "unknown stage model message"
finish
