# Shell helpers the bench scripts share; sourced, not run.

# median NAME prints the median line of $work/all.NAME, where a script
# appends one line per run (seconds first, so that sort -n orders them).
median() { sort -n "$work/all.$1" | awk '{l[NR] = $0} END {print l[int((NR + 1) / 2)]}'; }

# fresh_runs REPO forgets the runs of an earlier invocation and reads every
# object of REPO once, so that each tool then reads it from the page cache.
fresh_runs() {
  rm -f "$work"/all.*
  git -C "$1" rev-list --all --objects > /dev/null
}

# measure LABEL OUT COMMAND... runs COMMAND under /usr/bin/time -v with its
# output in OUT, prints its wall time and peak RSS, and appends "seconds
# KB" to $work/all.LABEL for median. A reference (git log -p, cat-file)
# must write to /dev/null: its output is hundreds of MB, and writing it to
# disk would time the disk and make the reference look slower than it is.
measure() {
  local label=$1 out=$2; shift 2
  /usr/bin/time -v -o "$work/time.$label" "$@" > "$out" 2> "$work/err.$label" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2, p, ":"); s=0; for (i=1; i<=n; i++) s=s*60+p[i]; print s}' "$work/time.$label")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.$label")
  printf '  %-28s %7.2f s   peak RSS %5d MB\n' "$label" "$wall" "$((rss / 1024))"
  echo "$wall $rss" >> "$work/all.$label"
}

# medians LABEL... prints, for each label measured, the median run's
# seconds and peak RSS and its ratio to the median of git-log.
medians() {
  local log_s s kb label
  read -r log_s _ < <(median git-log)
  echo
  echo "median of $runs:"
  for label in "$@"; do
    read -r s kb < <(median "$label")
    printf '  %-28s %7.2f s  %5d MB  %.2fx git log -p\n' "$label" "$s" "$((kb / 1024))" "$(awk -v a="$s" -v b="$log_s" 'BEGIN {print a/b}')"
  done
}

# compare REPO LABEL... reads every object of REPO once, then times the
# labelled commands on it, alternating, $runs times, and prints their
# medians (git-log must come first: the ratios are to it). The commands:
# git-log and cat-file (the references, output discarded), ampscan-git
# ($work/ampscan) and history-no-match ($work/histcost with a matcher that
# finds nothing).
compare() {
  local repo=$1 run label
  shift
  fresh_runs "$repo"
  for run in $(seq 1 "$runs"); do
    echo "run $run"
    for label in "$@"; do
      case $label in
      git-log) measure git-log /dev/null git -C "$repo" log -p --all ;;
      cat-file) measure cat-file /dev/null git -C "$repo" cat-file --batch-all-objects --batch ;;
      ampscan-git) measure ampscan-git "$work/out.ampscan-git" "$work/ampscan" git --quiet --format json "$repo" ;;
      history-no-match) measure history-no-match "$work/out.history-no-match" "$work/histcost" -match none "$repo" ;;
      *)
        echo "compare: no command for $label" >&2
        return 1
        ;;
      esac
    done
  done
  medians "$@"
}
