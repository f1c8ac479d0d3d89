package scanner

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/rules"
)

// The fixture tree in testdata/corpus carries its expectations inline: a
// comment `want: TYPE…` on the line where a secret starts (TYPE is the key
// type without its "amplitude-" prefix). Files that cannot hold comments
// (JSON, notebooks, bundles, logs) list theirs in WANT.tsv. Every other line
// must yield nothing, so the test asserts the exact set of findings.

var wantMarker = regexp.MustCompile(`want: ([a-z][a-z-]*[a-z](?: [a-z][a-z-]*[a-z])*)`)

type expectation struct {
	Path       string
	Line       int
	KeyType    rules.KeyType
	Visibility rules.Visibility
}

func (e expectation) String() string {
	return fmt.Sprintf("%s:%d %s (%s)", e.Path, e.Line, e.KeyType, e.Visibility)
}

func expect(path string, line int, short string) (expectation, error) {
	kt := rules.KeyType("amplitude-" + short)
	p, ok := rules.PolicyFor(kt)
	if !ok {
		return expectation{}, fmt.Errorf("%s:%d: unknown key type %q", path, line, short)
	}
	return expectation{path, line, kt, p.Visibility}, nil
}

func loadExpectations(t *testing.T, root string) []expectation {
	t.Helper()
	var out []expectation
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "WANT.tsv" {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for line := 1; sc.Scan(); line++ {
			m := wantMarker.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			for _, short := range strings.Fields(m[1]) {
				e, err := expect(rel, line, short)
				if err != nil {
					return err
				}
				out = append(out, e)
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(root, "WANT.tsv"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for i, row := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		cols := strings.Split(row, "\t")
		if len(cols) != 3 {
			t.Fatalf("WANT.tsv:%d: want 3 tab-separated columns", i+1)
		}
		line, err := strconv.Atoi(cols[1])
		if err != nil {
			t.Fatalf("WANT.tsv:%d: %v", i+1, err)
		}
		for _, short := range strings.Fields(cols[2]) {
			e, err := expect(cols[0], line, short)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, e)
		}
	}
	sortExpectations(out)
	return out
}

func sortExpectations(es []expectation) {
	sort.Slice(es, func(i, j int) bool { return es[i].String() < es[j].String() })
}

// Nine fixture trees: our own (inline expectations), and eight written
// independently of the rules by engineers who never saw them (expectations
// in WANT.tsv). Each must give exactly its expected findings.
func TestCorpusExactFindings(t *testing.T) {
	t.Parallel()
	cat, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"corpus", "corpus-blind1", "corpus-blind2", "corpus-blind3", "corpus-blind4", "corpus-blind5", "corpus-blind6", "corpus-blind7", "corpus-blind8", "corpus-blind9"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkCorpus(t, cat, filepath.Join("..", "testdata", name))
		})
	}
}

func checkCorpus(t *testing.T, cat *rules.Catalogue, root string) {
	want := loadExpectations(t, root)
	if len(want) < 50 {
		t.Fatalf("only %d expectations loaded: the fixture tree is missing or unmarked", len(want))
	}
	for _, jobs := range []int{1, 4} {
		eng := &Engine{Rules: cat, Jobs: jobs}
		rep, err := Collect(context.Background(), eng, &Dir{Roots: []string{root}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []expectation
		for _, f := range rep.Findings {
			if f.Path == "WANT.tsv" {
				continue
			}
			got = append(got, expectation{f.Path, f.Line, f.KeyType, f.Visibility})
		}
		sortExpectations(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("jobs=%d: findings differ from the expectations (-want +got):\n%s", jobs, diff)
		}
		if len(rep.Stats.Errors) > 0 {
			t.Errorf("unexpected read errors: %v", rep.Stats.Errors)
		}
	}
}
