package rules

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/keysenv"
)

// denseTemplates are the shapes of text that names Amplitude on every page:
// SDK sources and wrappers, tracking plans, docs and READMEs that quote
// keys, CI and env files. Most 32-hex values in them are not keys (event
// ids, hashes, trace ids) so that the matcher's rejections are measured too.
// {{hex}}, {{client}}, {{server}} and {{token}} are filled in freshly.
var denseTemplates = []string{
	`import * as amplitude from '@amplitude/analytics-browser';
import { Identify, Revenue } from '@amplitude/analytics-browser';

const AMPLITUDE_API_KEY = '{{hex}}';

export function initAnalytics(userId: string) {
  amplitude.init(AMPLITUDE_API_KEY, userId, {
    serverZone: 'EU',
    defaultTracking: { sessions: true, pageViews: true },
    flushQueueSize: 30,
  });
}

export function trackCheckout(orderId: string, total: number) {
  // order ids are uuids without dashes: {{hex}}
  amplitude.track('Checkout Completed', { orderId, total, cartHash: '{{hex}}' });
  const identify = new Identify().set('plan', 'pro').add('purchases', 1);
  amplitude.identify(identify);
}
`,
	`{
  "event_type": "Song Played",
  "user_id": "{{hex}}",
  "device_id": "{{hex}}",
  "insert_id": "{{hex}}",
  "event_properties": { "track_id": "{{hex}}", "duration_ms": 184000, "source": "amplitude-tracking-plan" },
  "user_properties": { "plan": "premium" }
},
`,
	"## Quick start\n\nInstall the Amplitude SDK and initialise it with your project's API key:\n\n" +
		"```js\namplitude.init('{{hex}}');\namplitude.track('Sign Up');\n```\n\n" +
		"Send events over HTTP V2 with curl:\n\n```sh\ncurl -X POST https://api2.amplitude.com/2/httpapi \\\n" +
		"  -H 'Content-Type: application/json' \\\n  -d '{\"api_key\": \"{{hex}}\", \"events\": [{\"event_type\": \"watch_tutorial\", \"user_id\": \"u1\"}]}'\n```\n\n" +
		"The commit that added tracking was {{hex}}; see the Amplitude changelog.\n\n",
	`package analytics

import (
	"github.com/amplitude/analytics-go/amplitude"
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

var client = amplitude.NewClient(amplitude.NewConfig("{{hex}}"))

func experimentClient() *remote.Client {
	return remote.Initialize("{{server}}", nil)
}

// Track records one event for the Amplitude dashboard (trace {{hex}}).
func Track(userID, name string) {
	client.Track(amplitude.Event{EventType: name, UserID: userID})
}
`,
	"AMPLITUDE_API_KEY={{hex}}\nAMPLITUDE_SECRET_KEY={{hex}}\nNEXT_PUBLIC_AMPLITUDE_DEPLOYMENT_KEY={{client}}\n" +
		"AMPLITUDE_MANAGEMENT_API_KEY={{token}}\nSENTRY_RELEASE={{hex}}\nBUILD_SHA={{hex}}\n",
	`  - name: Upload Ampli tracking plan
    run: ampli pull --branch main && ampli status
    env:
      AMPLI_TOKEN: ${{ secrets.AMPLI_TOKEN }}
      AMPLITUDE_REGION: EU
      CACHE_KEY: {{hex}}
`,
	`// Ampli - a strongly typed wrapper for Amplitude. Generated; do not edit.
export const ApiKey: Record<Environment, string> = {
  production: '{{hex}}',
  development: ''
};
export class SongPlayed implements BaseEvent {
  event_type = 'Song Played';
  constructor(public event_properties: SongPlayedProperties) {}
}
`,
}

// denseText builds about n bytes of dense Amplitude text from the templates.
func denseText(n int) []byte {
	r := rand.New(rand.NewPCG(7, 7))
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(ExpandExample(denseTemplates[i%len(denseTemplates)], r))
	}
	return b.Bytes()
}

// BenchmarkMatcherDense measures the matcher on text that names Amplitude
// on every page, where the byte gate lets everything through.
func BenchmarkMatcherDense(b *testing.B) {
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	data := denseText(4 << 20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		c.Scan("src/analytics.ts", data)
	}
}

// longLine builds one line of about n bytes, dense with candidates: a
// minified bundle that requires the SDK, then objects with id values and
// key fields that point at a constant, and chained init calls.
func longLine(n int) []byte {
	r := rand.New(rand.NewPCG(11, 11))
	var b bytes.Buffer
	b.WriteString(`var t={k1:"` + genHex(r) + `"};var a=require("@amplitude/analytics-browser");var c=[`)
	for i := 0; b.Len() < n; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, `{id:"%s",apiKey:t.k1},`, genHex(r))
		} else {
			fmt.Fprintf(&b, `amplitude.init('%s');`, genHex(r))
		}
	}
	b.WriteString("];\n")
	return b.Bytes()
}

// BenchmarkMatcherLongLine shows that cost is linear in bytes whatever the
// line structure: MB/s must not fall as the one line grows. Each scan
// after the first finds the judgments and lists the last one handed on
// (see carried), as a history's next version of a file does.
func BenchmarkMatcherLongLine(b *testing.B) { benchLongLine(b, false) }

// BenchmarkMatcherLongLineFirstScan is BenchmarkMatcherLongLine with
// nothing handed on: each scan is the first, as a file in a tree is.
//
// The 8 MB line holds 163,000 matches and 81,000 values of no name, past
// the bounds on what a scan hands on (carry.go), so there the warm
// benchmark pays what a first scan pays. A first scan's instructions per
// byte are the same at 1 and 8 MB within 2% (cachegrind), yet its MB/s
// falls by about a fifth: its lists and maps grow with the line (25-28 bytes
// allocated for each byte read) and fit the caches less and less.
func BenchmarkMatcherLongLineFirstScan(b *testing.B) { benchLongLine(b, true) }

func benchLongLine(b *testing.B, first bool) {
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for _, mb := range []int{1, 2, 4, 8} {
		data := longLine(mb << 20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if first {
					c.ForgetNames()
				}
				c.Scan("dist/app.min.js", data)
			}
		})
	}
}

// hostileShapes are text a file may hold that is dense with values and
// names but names no vendor close to them, so that every question about a
// value's context reaches its 2 KiB either side: one long line of nested
// or minified objects, or many short lines of one kind. Each is a head,
// then unit(i) again and again. They were written from what the docs say
// keys look like in code, and measured before the matcher was changed for
// them (the slowest ran at 0.7-3 MB/s, every byte read a hundred times).
var hostileShapes = []struct {
	name string
	head string
	unit func(r *rand.Rand, i int) string
}{
	{"json-one-line", `{"amplitude":{`, func(r *rand.Rand, i int) string {
		return fmt.Sprintf(`"p%d":{"apiKey":"%s","secretKey":"%s"},`, i, genHex(r), genHex(r))
	}},
	{"nested-objects", `require('@amplitude/analytics-browser');`, func(r *rand.Rand, i int) string {
		return "{apiKey:'" + genHex(r) + "',x:{"
	}},
	{"closing-brackets", `require('@amplitude/analytics-browser');`, func(r *rand.Rand, i int) string {
		return "}apiKey:'" + genHex(r) + "',"
	}},
	{"escaped-json", "amplitude\n", func(r *rand.Rand, i int) string {
		return `\"apiKey\": \"` + genHex(r) + `\", `
	}},
	{"unterminated-quotes", "import amplitude\n", func(r *rand.Rand, i int) string {
		return `apiKey: "` + genHex(r)[:20]
	}},
	{"bearer-tokens", "", func(r *rand.Rand, i int) string {
		return "Authorization: Bearer " + genHex(r) + " amplitude "
	}},
	{"markdown-rows", "Amplitude keys\n\n| project | api key |\n|---|---|\n", func(r *rand.Rand, i int) string {
		return fmt.Sprintf("| p%d | %s |\n", i, genHex(r))
	}},
	{"comment-lines", "// amplitude\n", func(r *rand.Rand, i int) string {
		return "// key " + genHex(r) + "\n"
	}},
	{"curl-lines", "", func(r *rand.Rand, i int) string {
		return "curl -u " + genHex(r) + ":" + genHex(r) + " https://amplitude.com/api/2/export "
	}},
	{"constants-used", "import amplitude\n", func(r *rand.Rand, i int) string {
		return fmt.Sprintf("const K%d = '%s';\namplitude.init(K%d);\n", i, genHex(r), i)
	}},
	{"test-assertions", "import amplitude\n", func(r *rand.Rand, i int) string {
		return "expect(init).toHaveBeenCalledWith('" + genHex(r) + "');\n"
	}},
	{"toml-sections", "", func(r *rand.Rand, i int) string {
		return fmt.Sprintf("[amplitude.s%d]\napi_key = \"%s\"\n", i, genHex(r))
	}},
	{"markdown-one-wide-row", "Amplitude projects\n\n| name | API key | region |\n|---|---|---|\n", func(r *rand.Rand, i int) string {
		return fmt.Sprintf("| AMPLITUDE_API_KEY_%d | `%s` | EU ", i, genHex(r))
	}},
	{"yaml-nested-keys", "amplitude:\n", func(r *rand.Rand, i int) string {
		return strings.Repeat("  ", 1+i%30) + "api_key: " + genHex(r) + "\n"
	}},
	{"one-constant-everywhere", "import amplitude\nconst K = '3f9c1e7a58b24d06c8e1f4a2b7d9053e';", func(r *rand.Rand, i int) string {
		return "amplitude.init(K);"
	}},
}

func hostileText(head string, unit func(*rand.Rand, int) string, n int) []byte {
	r := rand.New(rand.NewPCG(5, 5))
	var b bytes.Buffer
	b.WriteString(head)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(unit(r, i))
	}
	b.WriteString("\n")
	return b.Bytes()
}

// BenchmarkMatcherHostile scans 1 MB of each hostile shape, each scan a
// first one (nothing handed on), as a file in a tree is scanned.
func BenchmarkMatcherHostile(b *testing.B) {
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for _, sh := range hostileShapes {
		data := hostileText(sh.head, sh.unit, 1<<20)
		b.Run(sh.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				c.ForgetNames()
				c.Scan("src/x.ts", data)
			}
		})
	}
}

// The long line must give what the same objects give one per line: cost
// linearity is no excuse for losing findings.
func TestLongLineSameFindings(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	line := longLine(64 << 10)
	split := bytes.ReplaceAll(line, []byte("},amp"), []byte("},\namp"))
	split = bytes.ReplaceAll(split, []byte(");{"), []byte(");\n{"))
	secrets := func(ms []Match) string {
		var s []string
		for _, m := range ms {
			s = append(s, string(m.KeyType)+":"+m.Secret)
		}
		return strings.Join(s, "\n")
	}
	one, many := c.Scan("dist/app.min.js", line), c.Scan("dist/app.min.js", split)
	if inits := bytes.Count(line, []byte(".init(")); len(one) < inits {
		t.Fatalf("one long line: %d findings, want every init call and key field", len(one))
	}
	if a, b := secrets(one), secrets(many); a != b {
		t.Errorf("one line and many lines differ: %d vs %d findings", len(one), len(many))
	}
}

// keysEnvVersions returns versions of a .env of n keys (internal/keysenv),
// each with one more key rotated than the last: the file bench/git-keys.sh
// commits again and again.
func keysEnvVersions(n, versions int) [][]byte {
	r := rand.New(rand.NewPCG(3, 3))
	lines := make([]string, n)
	for i := range lines {
		lines[i] = keysenv.Line(i, genHex(r))
	}
	var out [][]byte
	for v := range versions {
		if v > 0 {
			at := v * n / versions
			lines[at] = keysenv.Line(at, genHex(r))
		}
		out = append(out, []byte(strings.Join(lines, "")))
	}
	return out
}

// BenchmarkMatcherKeysVersions scans versions of a .env of 50,000 keys in
// turn, as ampscan git scans the history of bench/git-keys.sh: what a
// scan keeps for the next (judged names and their values, working lists)
// counts here, as it does there. Nearly every line is a finding (a few
// random values look made up: a long run, too few distinct digits).
func BenchmarkMatcherKeysVersions(b *testing.B) {
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	versions := keysEnvVersions(50000, 8)
	b.SetBytes(int64(len(versions[0])))
	found := 0
	i := 0
	for b.Loop() {
		found = len(c.Scan(".env", versions[i%len(versions)]))
		i++
	}
	if found < 49900 {
		b.Fatalf("%d findings in a version of 50,000 keys", found)
	}
}

// BenchmarkMatcherHistoryBlobs measures the matcher on real dense text:
// every unique blob of the history bench/git-dense.sh builds from
// Amplitude's own published packages that names Amplitude (SDK sources,
// their tests, READMEs and changelogs, generated edits holding keys).
// Those files are never committed here; without the history (set
// AMPSCAN_DENSE_REPO, or run bench/git-dense.sh once) the benchmark
// reports that it has nothing to measure and skips.
func BenchmarkMatcherHistoryBlobs(b *testing.B) {
	benchHistoryBlobs(b, func([]byte) bool { return true })
}

// BenchmarkMatcherHistoryLongLines is the same over the blobs of that
// history that hold a line of 64 KiB or more: the minified bundles the
// packages ship, real long lines beside the generated ones of
// BenchmarkMatcherLongLine.
func BenchmarkMatcherHistoryLongLines(b *testing.B) {
	benchHistoryBlobs(b, func(blob []byte) bool { return longestLine(blob) >= 64<<10 })
}

func benchHistoryBlobs(b *testing.B, keep func([]byte) bool) {
	repo := os.Getenv("AMPSCAN_DENSE_REPO")
	if repo == "" {
		repo = filepath.Join("..", "bench", "work", "dense", "repo")
	}
	if _, err := os.Stat(filepath.Join(repo, ".git")); err != nil {
		b.Skipf("no dense history at %s: run bench/git-dense.sh first", repo)
	}
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	all, _, err := blobsNaming(repo, []byte("amplitude"))
	if err != nil {
		b.Fatal(err)
	}
	var blobs [][]byte
	total := 0
	for _, blob := range all {
		if keep(blob) {
			blobs = append(blobs, blob)
			total += len(blob)
		}
	}
	if len(blobs) == 0 {
		b.Skipf("no blob of %s is of the kind measured", repo)
	}
	b.SetBytes(int64(total))
	b.ReportMetric(float64(len(blobs)), "blobs")
	b.ResetTimer()
	for b.Loop() {
		for _, blob := range blobs {
			c.Scan("src/index.ts", blob)
		}
	}
}

// longestLine is the length of data's longest line.
func longestLine(data []byte) int {
	longest := 0
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte{'\n'})
		longest = max(longest, len(line))
		data = rest
	}
	return longest
}

// blobsNaming reads every blob of repo with git cat-file and keeps those
// whose text names word (in any case).
func blobsNaming(repo string, word []byte) (blobs [][]byte, total int, err error) {
	cmd := exec.Command("git", "-C", repo, "cat-file", "--batch-all-objects", "--batch", "--unordered")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, 0, err
	}
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	r := bufio.NewReaderSize(out, 1<<20)
	for {
		header, err := r.ReadString('\n')
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		var oid, kind string
		var size int
		if _, err := fmt.Sscanf(header, "%s %s %d", &oid, &kind, &size); err != nil {
			return nil, 0, fmt.Errorf("cat-file header %q: %w", header, err)
		}
		body := make([]byte, size+1) // and the newline after it
		if _, err := io.ReadFull(r, body); err != nil {
			return nil, 0, err
		}
		if kind == "blob" && bytes.Contains(bytes.ToLower(body[:size]), word) {
			blobs = append(blobs, body[:size])
			total += size
		}
	}
	return blobs, total, cmd.Wait()
}
