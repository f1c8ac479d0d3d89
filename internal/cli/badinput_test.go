package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Hostile file names reach every output: JSON must stay valid (JSON
// strings are Unicode, so a byte that is not UTF-8 becomes U+FFFD), SARIF
// must carry a URI that names the file exactly (percent-encoded bytes),
// and the text report and stderr must not print a newline or an escape
// sequence from a name raw. Archives are counted in every summary.
func TestBadNamesInEveryFormat(t *testing.T) {
	t.Parallel()
	names := []string{"with space.env", "new\nline.env", "bad\xffbyte.env", "esc\x1b[31mred.env", `quote"back\slash.env`, "ünïcödé.env"}
	files := map[string]string{}
	secrets := map[string]string{}
	for i, n := range names {
		secrets[n] = gen(uint64(700+i), "{{hex}}")
		files[n] = "AMPLITUDE_SECRET_KEY=" + secrets[n] + "\n"
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create(".env")
	_, _ = w.Write([]byte("AMPLITUDE_SECRET_KEY=" + gen(799, "{{hex}}") + "\n"))
	_ = zw.Close()
	files["keys.zip"] = zb.String()
	dir := tree(t, files)

	t.Run("json", func(t *testing.T) {
		r := run(t, "", "dir", "--format", "json", "--no-redact", dir)
		if r.code != ExitFindings || !json.Valid([]byte(r.stdout)) {
			t.Fatalf("exit %d, valid JSON %v: %s", r.code, json.Valid([]byte(r.stdout)), r.stderr)
		}
		var rep struct {
			Findings []struct{ Path, Secret string } `json:"findings"`
			Summary  struct {
				FilesSkipped map[string]int64 `json:"files_skipped"`
			} `json:"summary"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, f := range rep.Findings {
			got[f.Path] = f.Secret
		}
		for _, n := range names {
			if got[strings.ToValidUTF8(n, "\uFFFD")] != secrets[n] {
				t.Errorf("%q: not found under its (JSON) name; got %q", n, got)
			}
		}
		if len(rep.Findings) != len(names) || rep.Summary.FilesSkipped["archive"] != 1 {
			t.Errorf("%d findings, skipped %v", len(rep.Findings), rep.Summary.FilesSkipped)
		}
	})

	t.Run("sarif", func(t *testing.T) {
		r := run(t, "", "dir", "--format", "sarif", dir)
		if r.code != ExitFindings || !json.Valid([]byte(r.stdout)) {
			t.Fatalf("exit %d, valid JSON %v: %s", r.code, json.Valid([]byte(r.stdout)), r.stderr)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, res := range log.Runs[0].Results {
			uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI
			if strings.ContainsAny(uri, " \n\x1b\"\\") {
				t.Errorf("URI %q holds a character a URI may not", uri)
			}
			name, err := url.PathUnescape(uri)
			if err != nil {
				t.Errorf("URI %q: %v", uri, err)
			}
			got[name] = true
		}
		for _, n := range names {
			if !got[n] {
				t.Errorf("%q: no SARIF result whose URI decodes to it exactly; got %v", n, got)
			}
		}
	})

	t.Run("text", func(t *testing.T) {
		r := run(t, "", "dir", "--no-color", dir)
		if r.code != ExitFindings {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if strings.Contains(r.stdout, "\x1b") || strings.Contains(r.stdout, "new\nline") || !utf8Valid(r.stdout) {
			t.Errorf("a name was printed raw:\n%q", r.stdout)
		}
		for _, want := range []string{`"new\nline.env":1:22`, `"bad\xffbyte.env":1:22`, `"esc\x1b[31mred.env":1:22`, "with space.env:1:22", "ünïcödé.env:1:22", "skipped 1 archive"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("text report lacks %s:\n%s", want, r.stdout)
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }

// A special file named on the command line, or found in a tree, is
// never opened: a FIFO with no writer would block the scan forever.
func TestFIFOInTreeDoesNotBlock(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{".env": "AMPLITUDE_SECRET_KEY=" + gen(801, "{{hex}}") + "\n"})
	if err := mkfifo(filepath.Join(dir, "pipe")); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan result, 1)
	go func() { done <- run(t, "", "dir", "--format", "json", dir) }()
	select {
	case r := <-done:
		if r.code != ExitFindings || !strings.Contains(r.stdout, `"not a regular file": 1`) {
			t.Errorf("exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the scan blocked on a FIFO")
	}
	_ = os.Remove(filepath.Join(dir, "pipe"))
}
