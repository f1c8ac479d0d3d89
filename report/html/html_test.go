package html

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	stdhtml "html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ampscan/ampscan/report"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

const hostile = `<img src=x onerror=alert(1)>`

func fakeHex(t testing.TB) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func render(t testing.TB, rep *scanner.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := report.New("html", report.Options{Version: "test", ShowSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sampleReport builds a history report with several key types, some still
// at HEAD and some only in history, one suppressed, and a hostile path and
// author.
func sampleReport(t testing.TB) *scanner.Report {
	t.Helper()
	day := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	mk := func(kt rules.KeyType, secret, path string, line, days int, inHead bool, author string) scanner.Finding {
		f := scanner.Finding{RuleID: "test.rule", KeyType: kt, Secret: secret, Path: path, Line: line, Column: 1,
			Commit: &scanner.Commit{ID: strings.Repeat(fmt.Sprint(days%10), 40), Author: author, Email: "a@example.test",
				Date: day.Add(time.Duration(days) * 24 * time.Hour), InHead: inHead}}
		return f
	}
	fs := []scanner.Finding{
		mk(rules.SecretKey, fakeHex(t), ".env", 3, 0, true, "Alice"),
		mk(rules.SecretKey, fakeHex(t), "config/old.env", 7, 2, false, "Bob"),
		mk(rules.APIKey, fakeHex(t), "src/analytics.ts", 12, 1, true, "Carol"),
		mk(rules.ServerDeploymentKey, "server-"+fakeHex(t)[:32], "app/flags.py", 4, 3, true, "Dan"),
		mk(rules.OrgAPIKey, fakeHex(t), "ops/org.yaml", 9, 5, false, "Erin"),
		mk(rules.SCIMKey, "scim_"+fakeHex(t), hostile, 1, 4, true, hostile),
	}
	sup := mk(rules.SecretKey, fakeHex(t), "testdata/fixture.env", 1, 6, true, "Frank")
	sup.Suppression = &scanner.Suppression{Kind: "allowlist", Reason: "fixture"}
	fs = append(fs, sup)
	scanner.Finalize(fs)
	return &scanner.Report{Findings: fs, Stats: scanner.Stats{Files: 42, Bytes: 1 << 20}, Notes: []string{"a note"}}
}

func TestHTMLEscapesHostileText(t *testing.T) {
	t.Parallel()
	out := string(render(t, sampleReport(t)))
	if strings.Contains(out, "<img") {
		t.Fatalf("a path or author reached the page as markup")
	}
	if !strings.Contains(out, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Fatalf("the hostile path is not shown as text")
	}
}

func TestHTMLNeverHoldsASecret(t *testing.T) {
	t.Parallel()
	rep := sampleReport(t)
	out := string(render(t, rep))
	for _, f := range rep.Findings {
		if strings.Contains(out, f.Secret) {
			t.Errorf("the page holds the whole %s value at %s", f.KeyType, f.Path)
		}
	}
}

// TestHTMLNeverHoldsASecretOverFixtures renders every fixture corpus of the
// repository and checks that no planted value, and no 12-character piece of
// one, is in the page.
func TestHTMLNeverHoldsASecretOverFixtures(t *testing.T) {
	cat, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	roots, err := filepath.Glob("../../testdata/corpus*")
	if err != nil || len(roots) == 0 {
		t.Fatalf("no fixture corpora found: %v", err)
	}
	total := 0
	for _, root := range roots {
		eng := &scanner.Engine{Rules: cat, Jobs: 2}
		rep, err := scanner.Collect(context.Background(), eng, &scanner.Dir{Roots: []string{root}}, nil)
		if err != nil {
			t.Fatalf("%s: %v", root, err)
		}
		out := string(render(t, rep))
		for _, f := range rep.Findings {
			total++
			if len(f.Secret) >= 12 && strings.Contains(out, f.Secret[len(f.Secret)-12:]) {
				t.Errorf("%s: the page holds part of the %s value at %s", root, f.KeyType, f.Path)
			}
		}
	}
	if total < 500 {
		t.Fatalf("only %d findings over the fixtures: the corpora did not scan", total)
	}
}

func TestHTMLIsDeterministic(t *testing.T) {
	t.Parallel()
	rep := sampleReport(t)
	a, b := render(t, rep), render(t, rep)
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of one report differ")
	}
}

// TestHTMLPolicyAllowsOnlyItsOwnInlineCode checks that the CSP names the
// exact style and script the page holds, and that nothing loads from
// elsewhere.
func TestHTMLPolicyAllowsOnlyItsOwnInlineCode(t *testing.T) {
	t.Parallel()
	out := string(render(t, sampleReport(t)))
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(out)
	script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindStringSubmatch(out)
	if style == nil || script == nil {
		t.Fatal("the page has no inline style or script")
	}
	policy := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(out)
	if policy == nil {
		t.Fatal("no Content-Security-Policy meta tag")
	}
	p := stdhtml.UnescapeString(policy[1])
	for _, want := range []string{"default-src 'none'", "style-src '" + cspHash(style[1]) + "'", "script-src '" + cspHash(script[1]) + "'"} {
		if !strings.Contains(p, want) {
			t.Errorf("policy %q lacks %q", p, want)
		}
	}
	for _, bad := range []string{"src=\"http", "href=\"//", "@import", "url(http", "<link"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page refers to something outside itself: %q", bad)
		}
	}
}

// bigReport has n findings over many paths and all key types.
func bigReport(t testing.TB, n int) *scanner.Report {
	t.Helper()
	kinds := []rules.KeyType{rules.APIKey, rules.SecretKey, rules.ServerDeploymentKey, rules.ClientDeploymentKey,
		rules.ManagementAPIKey, rules.DataAPIToken, rules.SCIMKey, rules.OrgAPIKey, rules.OrgSecretKey}
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	fs := make([]scanner.Finding, n)
	for i := range fs {
		kt := kinds[i%len(kinds)]
		secret := fakeHex(t)
		switch kt {
		case rules.ServerDeploymentKey:
			secret = "server-" + secret
		case rules.ClientDeploymentKey:
			secret = "client-" + secret
		}
		fs[i] = scanner.Finding{RuleID: "test.rule", KeyType: kt, Secret: secret,
			Path: fmt.Sprintf("services/svc%03d/config/settings-%d.env", i%500, i), Line: i%300 + 1, Column: 5,
			Commit: &scanner.Commit{ID: fmt.Sprintf("%040x", i*7919), Author: fmt.Sprintf("Dev %d", i%40),
				Email: "dev@example.test", Date: day.Add(time.Duration(i) * time.Hour), InHead: i%3 == 0}}
	}
	scanner.Finalize(fs)
	return &scanner.Report{Findings: fs, Stats: scanner.Stats{Files: int64(n), Bytes: int64(n) * 900}}
}

func TestHTMLTenThousandFindingsUnderFiveMB(t *testing.T) {
	t.Parallel()
	out := render(t, bigReport(t, 10000))
	if len(out) >= 5<<20 {
		t.Fatalf("a 10,000-finding page is %d bytes, want under 5 MB", len(out))
	}
	t.Logf("10,000 findings: %d bytes", len(out))
}

// TestHTMLDirReportHasNoTimeline: a report without history says so instead
// of drawing an empty chart.
func TestHTMLDirReportHasNoTimeline(t *testing.T) {
	t.Parallel()
	rep := &scanner.Report{Findings: []scanner.Finding{{RuleID: "r", KeyType: rules.APIKey, Secret: fakeHex(t), Path: "a.env", Line: 1, Column: 1}}}
	scanner.Finalize(rep.Findings)
	out := string(render(t, rep))
	if !strings.Contains(out, "holds no history findings") || strings.Contains(out, `aria-label="Timeline`) {
		t.Fatal("a directory report should explain that there is no timeline")
	}
}

// TestHTMLShowsLiveNoticesAndIncomplete: what --verify, a range scan's
// notices and an interrupted scan add to a report reaches the page.
func TestHTMLShowsLiveNoticesAndIncomplete(t *testing.T) {
	t.Parallel()
	rep := sampleReport(t)
	rep.Findings[0].Verification = &scanner.Verification{Status: scanner.VerifyLive, Reason: "answered 200"}
	rep.Notices = []scanner.Notice{{Kind: "config-changed", Path: ".ampscan.toml", Message: "this range changes " + hostile}}
	rep.Incomplete = "interrupted"
	out := string(render(t, rep))
	for _, want := range []string{
		`id="fig-live">1<`,
		`<i class="v-live">live</i>`,
		"this range changes &lt;img",
		`id="incomplete"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestHTMLAudit: an organisation audit is one page that names each
// finding's repository and says which repositories failed.
func TestHTMLAudit(t *testing.T) {
	t.Parallel()
	api := sampleReport(t)
	for i := range api.Findings {
		api.Findings[i].Repo = "https://git.example.test/acme/api.git"
	}
	a := &report.Audit{Source: "github org acme", Listed: 3, Selected: 3, Repos: []report.AuditRepo{
		{Name: "acme/api", URL: "https://git.example.test/acme/api.git", Report: api},
		{Name: "acme/docs", URL: "https://git.example.test/acme/docs.git", Report: &scanner.Report{}},
		{Name: "acme/" + hostile, URL: "https://git.example.test/acme/gone.git", Err: "not found"},
	}}
	aw, err := report.NewAudit("html", report.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := aw.WriteAudit(&buf, a); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`<span id="fig-repos">2</span> scanned`, `<span id="fig-failed">1</span> failed`, "acme/api › .env:", "acme/&lt;img"} {
		if !strings.Contains(out, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	if strings.Contains(out, "<img") {
		t.Error("a repository name reached the page as markup")
	}
	for _, f := range api.Findings {
		if strings.Contains(out, f.Secret) {
			t.Errorf("the audit page holds a whole %s value", f.KeyType)
		}
	}
}

// TestHTMLRemovalWindow: a secret removed from the tree shows the commit
// that removed it, and the timeline draws its closed window.
func TestHTMLRemovalWindow(t *testing.T) {
	t.Parallel()
	rep := sampleReport(t)
	var removed *scanner.Finding
	for i := range rep.Findings {
		if c := rep.Findings[i].Commit; c != nil && !c.InHead && rep.Findings[i].Suppression == nil {
			removed = &rep.Findings[i]
			break
		}
	}
	if removed == nil {
		t.Fatal("the sample has no history-only finding")
	}
	removed.Commit.RemovedIn = strings.Repeat("ab", 20)
	removed.Commit.RemovedDate = removed.Commit.Date.Add(48 * time.Hour)
	out := string(render(t, rep))
	for _, want := range []string{"removed at abababab", `class="closed `} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
