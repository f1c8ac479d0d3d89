package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ampscan/ampscan/baseline"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
)

// A range scan (git --range A..B) checks a pull request, and a pull request
// must not be able to switch the check off. So in a range scan:
//
//   - the configuration comes from A's tree (the base), or from --config;
//     never from B's tree or the work tree, which the pull request controls;
//   - so does a --baseline file inside the repository: its version in A's
//     tree is the one read (a baseline from outside the repository, such as
//     an artifact of an earlier run, is read as given);
//   - no inline marker suppresses a finding. Every finding of a range scan
//     is a secret the range introduces, on a line the range wrote, so a
//     marker on that line is the pull request's own say-so (even when an
//     older marker sat on the line before it was edited);
//   - a change the range makes to a guarded file (the configuration), and
//     every line it adds holding an inline marker, is reported as a notice
//     for the reviewer: in the text summary, in JSON, and in SARIF.

// configFile is the configuration file read at the root of a scanned tree.
const configFile = ".ampscan.toml"

// guardedFiles are the files that can weaken a scan: a range that changes
// one gets a notice. A --baseline inside the repository joins them (see
// loadRangeBaseline).
func (o *options) guardedFiles() []string {
	files := []string{configFile}
	if o.accept.baselineInRepo != "" {
		files = append(files, o.accept.baselineInRepo)
	}
	return files
}

// openHistoryRepo opens the repository for `git`: with a range, the
// configuration comes from the range's base (see loadRangeConfig).
func openHistoryRepo(opts *options, path, rng string) (*history.Repo, error) {
	if rng == "" {
		return openRepoWithConfig(opts, path)
	}
	repo, err := openRepo(path)
	if err != nil {
		return nil, err
	}
	if err := opts.loadRangeConfig(repo, rng); err != nil {
		repo.Close()
		return nil, err
	}
	if err := opts.loadRangeBaseline(repo, rng); err != nil {
		repo.Close()
		return nil, err
	}
	return repo, nil
}

// loadRangeBaseline reads a --baseline that lies inside the repository
// from the range's base, so that a pull request cannot accept its own
// secrets by adding them to the baseline. Without one there, nothing is
// accepted.
func (o *options) loadRangeBaseline(repo *history.Repo, rng string) error {
	a := &o.accept
	if a.baseline == "" || repo.WorkTree() == "" {
		return nil
	}
	rel, ok := insideDir(repo.WorkTree(), a.baseline)
	if !ok {
		return nil
	}
	raw, found, err := repo.RangeBaseFile(rng, rel)
	if err != nil {
		return usagef("baseline %s in the range's base: %v", rel, err)
	}
	a.baselineInRepo = rel
	a.loaded = baseline.New()
	if !found {
		return nil
	}
	b, err := baseline.Parse(rel+" (in the range's base)", raw)
	if err != nil {
		return usagef("bad baseline %v", err)
	}
	a.loaded = b
	return nil
}

// insideDir returns path relative to dir, with forward slashes, when it
// lies inside dir.
func insideDir(dir, path string) (string, bool) {
	absDir, err1 := filepath.Abs(dir)
	absPath, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return "", false
	}
	if d, err := filepath.EvalSymlinks(absDir); err == nil {
		absDir = d
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(absPath)); err == nil {
		absPath = filepath.Join(d, filepath.Base(absPath))
	}
	rel, err := filepath.Rel(absDir, absPath)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// loadRangeConfig reads the configuration for a range scan: --config when
// given, else .ampscan.toml in the tree of the range's base, else none.
func (o *options) loadRangeConfig(repo *history.Repo, rng string) error {
	if o.configPath != "" {
		return o.loadConfig("")
	}
	raw, ok, err := repo.RangeBaseFile(rng, configFile)
	var re *history.RevisionError
	switch {
	case errors.As(err, &re):
		return usagef("bad --range %q: %v", re.Rev, re.Err)
	case err != nil:
		return usagef("config %s in the range's base: %v", configFile, err)
	case !ok:
		o.config = &rules.Config{}
		return nil
	}
	cfg, err := rules.ParseConfigFile(configFile+" (in the range's base)", raw)
	if err != nil {
		return usageError{err}
	}
	o.config, o.configName = cfg, configFile+" (in the range's base)"
	return nil
}

// guardRange applies the range rules above to a finished range scan.
func guardRange(ctx context.Context, repo *history.Repo, rng string, guardedFiles []string, rep *scanner.Report) error {
	ignored := 0
	for i := range rep.Findings {
		if s := rep.Findings[i].Suppression; s != nil && s.Kind == "inline" {
			rep.Findings[i].Suppression = nil
			ignored++
		}
	}
	if ignored > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf(
			"%d finding(s) carry an inline %s marker, not honoured in a range scan: a range cannot accept its own secrets",
			ignored, scanner.InlineMarker))
	}
	guarded := map[string]bool{}
	for _, p := range guardedFiles {
		guarded[p] = true
	}
	err := repo.RangeFiles(ctx, rng, func(f history.RangeFile) error {
		if guarded[f.Path] {
			rep.Notices = append(rep.Notices, guardedNotice(f))
		}
		if f.New == nil {
			return nil
		}
		lines, err := addedMarkers(f)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		for _, n := range lines {
			rep.Notices = append(rep.Notices, scanner.Notice{
				Kind: scanner.NoticeMarkerAdded, Path: f.Path, Line: n,
				Message: fmt.Sprintf("this range adds an inline %s marker; a range scan does not honour it, "+
					"and once merged it will suppress any finding on this line: review it", scanner.InlineMarker),
			})
		}
		return nil
	})
	scanner.SortNotices(rep.Notices)
	if err != nil {
		return fmt.Errorf("checking what the range changes: %w", err)
	}
	return nil
}

func guardedNotice(f history.RangeFile) scanner.Notice {
	what := "changes"
	switch {
	case f.Old == nil:
		what = "adds"
	case f.New == nil:
		what = "deletes"
	}
	return scanner.Notice{
		Kind: scanner.NoticeConfigChanged, Path: f.Path,
		Message: fmt.Sprintf("this range %s %s, ampscan's configuration (rules and allowlist). "+
			"This scan used the base commit's configuration instead; the change takes effect once merged: review it", what, f.Path),
	}
}

// addedMarkers returns the lines of f's new version holding an inline
// marker that its old version did not have. The old version is read only
// when the new one holds a marker at all, which is rare.
func addedMarkers(f history.RangeFile) ([]int, error) {
	lines, err := markersIn(f.New, nil)
	if len(lines) == 0 || f.Old == nil || err != nil {
		return lines, err
	}
	older, err := f.Old()
	if err != nil {
		return nil, err
	}
	defer older.Close()
	return markersIn(f.New, older)
}

func markersIn(open func() (io.ReadCloser, error), older io.Reader) ([]int, error) {
	newer, err := open()
	if err != nil {
		return nil, err
	}
	defer newer.Close()
	return scanner.AddedMarkerLines(older, newer)
}
