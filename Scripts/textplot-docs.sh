#!/usr/bin/env bash
# Refreshes the examples in Docs/TextPlot.md from the TextPlot golden files (after recording them
# with TEXTPLOT_RECORD=1): the fenced block after each `<!-- golden: NAME ... -->` line is replaced
# by those goldens, separated by blank lines.
set -euo pipefail
cd "$(dirname "$0")/.."
awk -v golden=Tests/TextPlotTests/Golden '
  /^<!-- golden: .* -->$/ {
    print
    names = $0
    sub(/^<!-- golden: /, "", names)
    sub(/ -->$/, "", names)
    count = split(names, list, " ")
    print "```"
    for (i = 1; i <= count; i++) {
      if (i > 1) print ""
      file = golden "/" list[i] ".txt"
      while ((getline line < file) > 0) print line
      close(file)
    }
    print "```"
    state = 1
    next
  }
  state == 1 && /^```$/ { state = 2; next }
  state == 2 { if ($0 ~ /^```$/) state = 0; next }
  { print }
' Docs/TextPlot.md >Docs/TextPlot.md.new
mv Docs/TextPlot.md.new Docs/TextPlot.md
