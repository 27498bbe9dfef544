#!/bin/sh
# What a terminal shows of a command, as text: runs it in a detached tmux 3.3 pane of the
# given width (a private tmux server, so no session of yours is touched) and writes the
# pane's whole history to OUT. tmux neither reorders nor shapes right-to-left text: it is
# the terminal `--bidi visual` is for (inside it, `--bidi auto` is visual).
#   scripts/tmux_capture.sh COLUMNS OUT COMMAND...
# docs/img/check-seeds-*.txt and check-arabic-*.txt were taken with it, e.g.
#   scripts/tmux_capture.sh 80 docs/img/check-arabic-visual-80.txt \
#     .venv/bin/dupcheck check fixtures/seeds/002_ad68b3a4021bdc8c.txt \
#     fixtures/seeds/003_1fc78112d3480c43.txt --show-alignment --no-progress --bidi visual
set -eu
cols=$1 out=$2
shift 2
server="dupcheck-capture-$$"
done_file=$(mktemp) conf=$(mktemp)
echo "set-option -g history-limit 50000" > "$conf"
# the command's words, quoted for the pane's shell
cmd=$(for word in "$@"; do printf "'%s' " "$(printf %s "$word" | sed "s/'/'\\\\''/g")"; done)
tmux -L "$server" -f "$conf" new-session -d -x "$cols" -y 50 \
  "$cmd; echo \$? > '$done_file'; sleep 600"
while [ ! -s "$done_file" ]; do sleep 1; done
tmux -L "$server" capture-pane -p -S - -E - | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$out"
tmux -L "$server" kill-server
echo "exit code $(cat "$done_file"); $(wc -l < "$out") lines in $out" >&2
rm -f "$done_file" "$conf"
