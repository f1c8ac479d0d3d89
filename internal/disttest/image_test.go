package disttest

import (
	"archive/tar"
	"bytes"
	"debug/elf"
	"encoding/json"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"gopkg.in/yaml.v3"

	"github.com/ampscan/ampscan/internal/gittest"
)

// releaseConfig is the part of .goreleaser.yaml the image depends on.
type releaseConfig struct {
	Builds []struct {
		ID      string   `yaml:"id"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Kos []struct {
		ID        string   `yaml:"id"`
		Build     string   `yaml:"build"`
		BaseImage string   `yaml:"base_image"`
		User      string   `yaml:"user"`
		Tags      []string `yaml:"tags"`
		Platforms []string `yaml:"platforms"`
		Bare      bool     `yaml:"bare"`
	} `yaml:"kos"`
}

func loadReleaseConfig(t *testing.T) releaseConfig {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c releaseConfig
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(c.Builds) != 1 || len(c.Kos) == 0 {
		t.Fatalf(".goreleaser.yaml: want one build and its images, got %d builds, %d images", len(c.Builds), len(c.Kos))
	}
	return c
}

// nonRootUID returns the numeric user of a USER string ("65532" or
// "65532:65532"), failing on root, a name (which needs /etc/passwd in the
// image) or nothing.
func nonRootUID(t *testing.T, user string) int {
	t.Helper()
	uid, err := strconv.Atoi(strings.SplitN(user, ":", 2)[0])
	if err != nil || uid == 0 {
		t.Fatalf("user %q: want a numeric non-root uid", user)
	}
	return uid
}

// The release's default image: distroless static (no shell, no libc) as
// non-root, tagged with the version and latest, from the one static build.
func TestReleaseImageConfig(t *testing.T) {
	c := loadReleaseConfig(t)
	b := c.Builds[0]
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("build env %v: the image has no libc, so the binary must be static (CGO_ENABLED=0)", b.Env)
	}
	flags := strings.Join(b.Ldflags, " ")
	for _, v := range []string{"version", "commit", "date"} {
		if !strings.Contains(flags, "-X github.com/ampscan/ampscan/internal/cli."+v+"=") {
			t.Errorf("ldflags %q do not stamp %s", flags, v)
		}
	}
	img := c.Kos[0]
	if img.Build != b.ID || img.BaseImage != "gcr.io/distroless/static-debian12:nonroot" || !img.Bare {
		t.Errorf("image %s: build %q, base %q, bare %v; want build %q on distroless static nonroot, bare",
			img.ID, img.Build, img.BaseImage, img.Bare, b.ID)
	}
	nonRootUID(t, img.User)
	if !slices.Contains(img.Tags, "{{ .Version }}") || !slices.Contains(img.Tags, "latest") {
		t.Errorf("image tags %v: want the version and latest", img.Tags)
	}
	for _, p := range []string{"linux/amd64", "linux/arm64"} {
		if !slices.Contains(img.Platforms, p) {
			t.Errorf("image platforms %v lack %s", img.Platforms, p)
		}
	}
	// Every image runs as non-root, the shell-carrying CI variant too.
	for _, k := range c.Kos[1:] {
		nonRootUID(t, k.User)
		if !strings.HasPrefix(k.BaseImage, "gcr.io/distroless/static-debian12:") || !strings.HasSuffix(k.BaseImage, "nonroot") {
			t.Errorf("image %s: base %q, want a distroless static nonroot variant", k.ID, k.BaseImage)
		}
	}
}

// shells are the names of programs that would give an image a shell.
var shells = []string{"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish", "busybox", "toybox"}

// TestImageTarball builds the image as ko lays it out (the binary at
// /ko-app/<name>, run as the configured user) on an empty base, as scratch
// is, writes it as a tarball, reads it back and checks it from the outside:
// entrypoint, user, no shell, and that the binary inside runs and scans.
func TestImageTarball(t *testing.T) {
	c := loadReleaseConfig(t)
	entry := "/ko-app/" + c.Builds[0].Binary
	tarPath := filepath.Join(t.TempDir(), "image.tar")
	tag, err := name.NewTag("ghcr.io/ampscan/ampscan:" + stampVersion)
	if err != nil {
		t.Fatal(err)
	}
	if err := tarball.WriteToFile(tarPath, tag, buildImage(t, entry, c.Kos[0].User)); err != nil {
		t.Fatalf("write the image tarball: %v", err)
	}

	img, err := tarball.ImageFromPath(tarPath, &tag)
	if err != nil {
		t.Fatalf("read the image tarball: %v", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cf.Config.Entrypoint, []string{entry}) {
		t.Errorf("entrypoint %q, want [%q]", cf.Config.Entrypoint, entry)
	}
	if uid := nonRootUID(t, cf.Config.User); uid != 65532 {
		t.Errorf("user %q: want distroless's nonroot, 65532", cf.Config.User)
	}
	if cf.OS != "linux" {
		t.Errorf("image OS %q, want linux", cf.OS)
	}

	files := imageFiles(t, img)
	for p := range files {
		if slices.Contains(shells, path.Base(p)) {
			t.Errorf("the image holds a shell: %s", p)
		}
	}
	bin, ok := files[strings.TrimPrefix(entry, "/")]
	if !ok {
		t.Fatalf("the entrypoint %s is not in the image (files: %v)", entry, slices.Sorted(mapKeys(files)))
	}
	assertStatic(t, bin)

	// Run the binary taken out of the image, as the container would.
	if runtime.GOOS != "linux" {
		return // the image's binary is a Linux one; its content was checked above
	}
	extracted := filepath.Join(t.TempDir(), "ampscan")
	if err := os.WriteFile(extracted, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := execIn(t, "/", nil, extracted, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "ampscan "+stampVersion+" (commit "+stampCommit) {
		t.Errorf("version in the image: exit %d, %q", r.code, r.stdout)
	}
	scanMounted(t, extracted)
}

// buildImage appends one layer holding the static binary at entry to an
// empty base and sets what ko sets: entrypoint, user, PATH.
func buildImage(t *testing.T, entry, user string) v1.Image {
	t.Helper()
	bin, err := os.ReadFile(ampscanBin)
	if err != nil {
		t.Fatal(err)
	}
	var layerTar bytes.Buffer
	tw := tar.NewWriter(&layerTar)
	dir := strings.TrimPrefix(path.Dir(entry), "/") + "/"
	for _, h := range []*tar.Header{
		{Name: dir, Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: strings.TrimPrefix(entry, "/"), Typeflag: tar.TypeReg, Mode: 0o755, Size: int64(len(bin))},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tw.Write(bin); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(layerTar.Bytes())), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", runtime.GOARCH
	cf.Config.Entrypoint = []string{entry}
	cf.Config.User = user
	cf.Config.Env = []string{"PATH=" + path.Dir(entry)}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// imageFiles flattens the image's layers and returns each regular file's
// content by path (no leading slash); it fails on links, which an image of
// one static binary has no use for.
func imageFiles(t *testing.T, img v1.Image) map[string][]byte {
	t.Helper()
	rc := mutate.Extract(img)
	defer rc.Close()
	files := map[string][]byte{}
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatalf("read the image's layers: %v", err)
		}
		p := strings.TrimPrefix(path.Clean("/"+h.Name), "/")
		switch h.Typeflag {
		case tar.TypeDir:
		case tar.TypeReg:
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			files[p] = b
		default:
			t.Errorf("%s: unexpected entry type %q in the image", p, h.Typeflag)
		}
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// assertStatic fails unless bin is an ELF executable with no program
// interpreter: on an empty or distroless static base there is no dynamic
// loader and no libc to load.
func assertStatic(t *testing.T, bin []byte) {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(bin))
	if err != nil {
		t.Fatalf("the image's binary is not ELF: %v", err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("the image's binary is dynamically linked: it cannot run on a static base")
		}
	}
}

// scanMounted scans a directory laid out as a volume mounted into the
// container (docker run -v "$PWD:/src" … dir /src) and checks the keys it
// finds: one private, one public, nothing else.
func scanMounted(t *testing.T, bin string) {
	k := gittest.NewKeys(t)
	src := filepath.Join(t.TempDir(), "src")
	for p, content := range map[string]string{
		"server/.env":          "AMPLITUDE_SECRET_KEY=" + k.Hex() + "\n",
		"web/src/analytics.ts": "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('" + k.Hex() + "');\n",
		"README.md":            "Nothing to see here.\n",
	} {
		full := filepath.Join(src, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := execIn(t, "/", nil, bin, "dir", "--format", "json", src)
	if r.code != 1 {
		t.Fatalf("scan of the mounted directory: exit %d, want 1 (a private key)\n%s", r.code, r.stderr)
	}
	var rep struct {
		Findings []struct {
			Path       string `json:"path"`
			KeyType    string `json:"key_type"`
			Visibility string `json:"visibility"`
			Redacted   bool   `json:"redacted"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("scan output: %v\n%s", err, r.stdout)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Path+" "+f.KeyType+" "+f.Visibility)
		if !f.Redacted {
			t.Errorf("%s: secret not redacted", f.Path)
		}
	}
	slices.Sort(got)
	want := []string{
		"server/.env amplitude-secret-key private",
		"web/src/analytics.ts amplitude-api-key public",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}
