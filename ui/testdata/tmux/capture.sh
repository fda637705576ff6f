#!/bin/sh
# capture.sh: digicheck's screens as tmux draws them, for review and as
# golden files (escape codes stripped: tmux capture-pane -p without -e).
#
# For each window size (60x20, the smallest supported, 80x24 and 120x40) it
# runs the real binary twice, under NO_COLOR and on a light background (a
# white tmux window-style, which tmux reports when asked), and captures the
# patient screen, the first question, the review and the result, then the
# result after the window is made too small and grown back.
#
# Usage: sh ui/testdata/tmux/capture.sh [OUTDIR]   (default: this folder)
# Needs go and tmux. ui's TestTmuxCaptures runs it and compares.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-$here}
mkdir -p "$out"
work=$(mktemp -d)
sock="digicheck-capture-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server >/dev/null 2>&1 || true; rm -rf "$work"' EXIT INT TERM

(cd "$root" && go build -o "$work/digicheck" .)

# wait_for TEXT: until the pane shows TEXT (30 s at most).
wait_for() {
	i=0
	until T capture-pane -t cap -p | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ "$i" -gt 300 ]; then
			echo "capture.sh: timed out waiting for: $1" >&2
			T capture-pane -t cap -p >&2
			exit 1
		fi
		sleep 0.1
	done
}

# keys KEY...: one key at a time, as a person types.
keys() {
	for k in "$@"; do
		T send-keys -t cap "$k"
		sleep 0.05
	done
}

# read_list: wait as a clinician reading a list of many answers does, so
# that x counts (x typed sooner, or after an arrow typed sooner, ticks
# nothing: the list could not have been read; the word hold is 1.2 s).
read_list() {
	sleep 1.4
}

# snap NAME: the pane, escape codes stripped, trailing spaces trimmed.
snap() {
	printf '=== %s ===\n' "$1" >>"$file"
	T capture-pane -t cap -p | sed 's/[[:space:]]*$//' >>"$file"
}

for size in 60x20 80x24 120x40; do
	for theme in nocolor light; do
		w=${size%x*}
		h=${size#*x}
		file="$out/$size-$theme.txt"
		: >"$file"
		env="DIGICHECK_DB=$work/$size-$theme.db XDG_CONFIG_HOME=$work/config HOME=$work COLORTERM=truecolor"
		T new-session -d -s boot -x "$w" -y "$h"
		T set -g escape-time 0
		if [ "$theme" = light ]; then
			T set -g window-style 'bg=white,fg=black'
			env="$env COLORFGBG='0;15'"
		else
			env="$env NO_COLOR=1"
		fi
		# A store in use already, as on a ward: the first start makes it
		# and says so in a box of its own (the root package's
		# TestTheFullScreenSaysANewEmptyStoreWasMadeWhereOneWasKept); the
		# captures are of a start after it, on that store.
		T new-session -d -s cap -x "$w" -y "$h" "env $env $work/digicheck; echo first-start-ended; sleep 60"
		wait_for "Stop if digicheck"
		keys C-c
		wait_for "first-start-ended"
		T kill-session -t cap
		T new-session -d -s cap -x "$w" -y "$h" "env $env $work/digicheck; sleep 60"
		wait_for "Identifier"

		# The theme in force, checked on the colours drawn.
		ansi=$(T capture-pane -t cap -p -e)
		case "$theme" in
		light)
			printf '%s' "$ansi" | grep -q '38;5;240m' || { echo "capture.sh: no light-theme colour drawn (muted #555555, 240 in tmux's 256 colours)" >&2; exit 1; } ;;
		nocolor)
			if printf '%s' "$ansi" | grep -q '\[[0-9;]*3[0-8];\|\[3[0-8]m\|38;5;'; then echo "capture.sh: colour drawn under NO_COLOR" >&2; exit 1; fi ;;
		esac

		snap patient
		# Neither kind of number starts chosen: 1 chooses NHS number.
		keys 1
		wait_for "NHS number: 10 digits"
		keys 9 4 3 4 7 6 5 9 1 9 Enter
		wait_for "Who is doing this assessment?"
		keys C-u D r Space A d a Space T e s t Enter
		wait_for "Team (optional)"
		keys Enter
		wait_for "Which of these can you use"
		snap access
		# Nothing starts chosen: x ticks once the list has been read, a
		# number chooses and moves on.
		read_list
		keys x Enter
		wait_for "How do you get online?"
		read_list
		keys x Enter
		wait_for "run out of data"
		keys 1
		wait_for "Which of these can you do on your own?"
		read_list
		keys x Enter
		wait_for "Does someone help you"
		keys 1
		wait_for "Do you use the NHS App"
		keys 3 Enter
		wait_for "Does anything make"
		keys 5 Enter
		wait_for "Would you like to do things"
		keys 1
		wait_for "How worried are you"
		keys 1
		wait_for "Has something bad happened"
		keys 1
		wait_for "Do you need information"
		read_list
		keys x Enter
		wait_for "How often do you need someone"
		keys 1
		wait_for "Because of a disability"
		read_list
		keys x Enter
		wait_for "Is there a way we must not"
		read_list
		keys x Enter
		wait_for "How would you like us to contact you?"
		keys 1
		wait_for "Who gave these answers?"
		keys 1
		wait_for "Ask these optional questions?"
		keys 2
		wait_for "Check every answer"
		snap review
		# Read, as a person reads it: the review takes an enter only
		# once it has been on view for 1.2 s, and its end has been on
		# screen as long.
		sleep 1.5
		keys End
		sleep 1.5
		keys Enter
		wait_for "Barriers"
		snap result
		T resize-window -t cap -x 50 -y 16
		wait_for "Make the window at least 60x20"
		snap too-small
		T resize-window -t cap -x "$w" -y "$h"
		wait_for "Barriers"
		snap result-again
		keys C-c
		wait_for "Discard this assessment?"
		keys y
		T kill-server
		sleep 0.2
	done
done
