# Shell helpers the bench scripts share; sourced, not run.

# median NAME prints the median line of $work/all.NAME, where a script
# appends one line per run (seconds first, so that sort -n orders them).
median() { sort -n "$work/all.$1" | awk '{l[NR] = $0} END {print l[int((NR + 1) / 2)]}'; }
