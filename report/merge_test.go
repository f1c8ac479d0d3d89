package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// auditRepos: three repositories with findings, one that failed.
func auditRepos() []AuditRepo {
	repo := func(name string, fs ...scanner.Finding) AuditRepo {
		url := "https://git.example/" + name + ".git"
		for i := range fs {
			fs[i].Repo = url
		}
		scanner.Finalize(fs)
		return AuditRepo{Name: name, URL: url, Report: &scanner.Report{Findings: fs,
			Stats: scanner.Stats{Files: 3, Bytes: 100, Skipped: map[string]int64{"binary": 1}}, Notes: []string{"history: 2 commits"}}}
	}
	return []AuditRepo{
		repo("acme/web", fixtureFinding("r", rules.APIKey, fxAPIKey, "src/a.ts", 2, 5)),
		repo("acme/api", fixtureFinding("r", rules.SecretKey, fxSecretKey, ".env", 1, 21),
			fixtureFinding("r", rules.ServerDeploymentKey, fxServerDeploy, "flags.go", 3, 9)),
		{Name: "acme/gone", URL: "https://git.example/acme/gone.git", Err: "repository not found"},
		repo("acme/docs"),
	}
}

func writeAuditJSON(t *testing.T, a *Audit) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (&JSON{Options{Version: "1.0.0"}}).WriteAudit(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// shards splits the repositories round-robin into n shard audits.
func shards(t *testing.T, repos []AuditRepo, n int) map[string][]byte {
	out := map[string][]byte{}
	for i := 1; i <= n; i++ {
		a := &Audit{Source: "github org acme", Listed: 5, Selected: 4, Shard: fmt.Sprintf("%d/%d", i, n)}
		for j, r := range repos {
			if j%n == i-1 {
				a.Repos = append(a.Repos, r)
			}
		}
		out[fmt.Sprintf("shard-%d.json", i)] = writeAuditJSON(t, a)
	}
	return out
}

func TestMergeAuditsGivesTheWholeRun(t *testing.T) {
	t.Parallel()
	whole := writeAuditJSON(t, &Audit{Source: "github org acme", Listed: 5, Selected: 4, Repos: auditRepos()})
	for n := 1; n <= 4; n++ {
		var buf bytes.Buffer
		res, err := MergeAudits(&buf, shards(t, auditRepos(), n))
		if err != nil {
			t.Fatalf("%d shards: %v", n, err)
		}
		if !bytes.Equal(buf.Bytes(), whole) {
			t.Errorf("%d shards merged differ from the whole run:\n%s\n---\n%s", n, buf.Bytes(), whole)
		}
		if res.Private != 2 || res.Public != 1 || len(res.Failed) != 1 || res.Failed[0] != "acme/gone" {
			t.Errorf("%d shards: result %+v", n, res)
		}
	}
	for _, s := range []string{`"scanned": 3`, `"failed": 1`, `"repository": "https://git.example/acme/api.git"`, `"binary": 3`} {
		if !strings.Contains(string(whole), s) {
			t.Errorf("whole run lacks %s:\n%s", s, whole)
		}
	}
	if strings.Index(string(whole), "acme/api.git\"") > strings.Index(string(whole), "acme/web.git\"") {
		t.Error("repositories are not in name order")
	}
}

func TestMergeAuditsRefuses(t *testing.T) {
	t.Parallel()
	three := shards(t, auditRepos(), 3)
	other := shards(t, auditRepos(), 2)
	plain := func() []byte {
		var buf bytes.Buffer
		if err := (&JSON{}).Write(&buf, &scanner.Report{}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	tests := []struct {
		name   string
		inputs map[string][]byte
		want   string
	}{
		{"missing shard", map[string][]byte{"a": three["shard-1.json"], "b": three["shard-3.json"]}, "missing shard 2/3"},
		{"same shard twice", map[string][]byte{"a": three["shard-1.json"], "b": three["shard-1.json"], "c": three["shard-2.json"]}, "both shard 1/3"},
		{"shards of different counts", map[string][]byte{"a": three["shard-1.json"], "b": other["shard-2.json"]}, "one of 2 shards"},
		{"another listing", map[string][]byte{"a": three["shard-1.json"], "b": bytes.Replace(three["shard-2.json"], []byte("org acme"), []byte("org other"), 1)}, "an audit of github org other"},
		{"not an audit", map[string][]byte{"a": plain}, "not an ampscan audit report"},
		{"not JSON", map[string][]byte{"a": []byte("{")}, "not an ampscan audit report"},
		{"nothing", map[string][]byte{}, "nothing to merge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			_, err := MergeAudits(&buf, tt.inputs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Error("a refused merge wrote output")
			}
		})
	}
}
