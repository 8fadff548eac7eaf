package ghaction

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeBinary stands for the waform executable inside a release archive.
const fakeBinary = "#!/bin/sh\necho waform v1.2.3\n"

func tarGz(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct{ name, content string }{{"README.md", "# waform\n"}, {name, content}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o755, Size: int64(len(f.content)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(f.content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipArchive(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// releaseFolder lays out what GoReleaser publishes for tag: the archives of
// a few platforms and checksums.txt. corrupt names an archive whose listed
// sum is wrong (a tampered or truncated download).
func releaseFolder(t *testing.T, root, tag, corrupt string) {
	t.Helper()
	dir := filepath.Join(root, tag)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var sums strings.Builder
	for _, p := range [][2]string{{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "arm64"}, {"windows", "amd64"}} {
		name := ArchiveName(tag, p[0], p[1])
		var data []byte
		if p[0] == "windows" {
			data = zipArchive(t, "waform.exe", fakeBinary)
		} else {
			data = tarGz(t, "waform", fakeBinary)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if name == corrupt {
			sum = sha256.Sum256(append(data, 0))
		}
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(sums.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeGitHub serves a release folder as the download host and a releases
// list as the API.
func fakeGitHub(t *testing.T, releases string, tags ...string) (*Client, string) {
	t.Helper()
	root := t.TempDir()
	mux := http.NewServeMux()
	mux.Handle("/download/", http.StripPrefix("/download", http.FileServer(http.Dir(root))))
	mux.HandleFunc("GET /api/repos/waform/waform/releases", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") != "1" {
			fmt.Fprint(w, "[]")
			return
		}
		fmt.Fprint(w, releases)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &Client{Releases: srv.URL + "/download", API: srv.URL + "/api"}, root
}

func TestResolve(t *testing.T) {
	releases := `[
		{"tag_name": "v1.3.0-rc.1", "prerelease": true},
		{"tag_name": "v1.2.10"}, {"tag_name": "v1.2.9"}, {"tag_name": "v1.10.0", "draft": true},
		{"tag_name": "v1.3.1"}, {"tag_name": "v2.0.0"}, {"tag_name": "v0.9.0"}]`
	c, root := fakeGitHub(t, releases)
	for _, tag := range []string{"v1.2.10", "v1.3.1", "v2.0.0"} {
		releaseFolder(t, root, tag, "")
	}
	ctx := context.Background()
	for _, tc := range []struct {
		input, ref string
		want       string
		source     bool
	}{
		{"", "v1.2.10", "v1.2.10", false},        // the action's own tag
		{"v1.3.1", "v1", "v1.3.1", false},        // the input wins
		{"", "v1", "v1.3.1", false},              // newest in the major, not the draft nor the rc
		{"v1.2", "", "v1.2.10", false},           // numeric, not lexical, order
		{"latest", "main", "v2.0.0", false},      // newest of all
		{"", "main", "main", true},               // a branch: no release
		{"", "0123abcd", "0123abcd", true},       // a commit
		{"", "v1.2.9", "v1.2.9", true},           // listed, but its assets are missing
		{"v3", "v3", "v3", true},                 // no release in v3 yet
		{"", "v1.3.0-rc.1", "v1.3.0-rc.1", true}, // pre-release tag without assets
	} {
		p, err := c.Resolve(ctx, tc.input, tc.ref)
		if err != nil {
			t.Errorf("Resolve(%q, %q): %v", tc.input, tc.ref, err)
			continue
		}
		if p.Version != tc.want || p.FromSource != tc.source {
			t.Errorf("Resolve(%q, %q) = %+v, want %s (source %t)", tc.input, tc.ref, p, tc.want, tc.source)
		}
	}
	if p, err := c.Resolve(ctx, "", ""); err != nil || !p.FromSource || p.Version != "local" {
		t.Errorf("uses: ./ must build the local checkout: %+v, %v", p, err)
	}
	// The source build compiles the action's checkout, which is at the
	// action's ref: a version input naming another ref with no release
	// (a branch, a typo'd tag) must fail, not build other code under its name.
	for _, tc := range []struct{ input, ref string }{
		{"main", "v1"}, {"v1.2.9", ""}, {"v1.2.9", "v1"}, {"v3", "v1"}, {"0123abcd", "main"},
	} {
		if p, err := c.Resolve(ctx, tc.input, tc.ref); err == nil || !strings.Contains(err.Error(), "uses: waform/waform@"+tc.input) {
			t.Errorf("Resolve(%q, %q) = %+v, %v; want an error naming uses: waform/waform@%s", tc.input, tc.ref, p, err, tc.input)
		}
	}
}

func TestInstallReleaseVerifiesTheChecksum(t *testing.T) {
	c, root := fakeGitHub(t, "[]")
	releaseFolder(t, root, "v1.2.3", ArchiveName("v1.2.3", "linux", "arm64"))
	ctx := context.Background()

	dir := t.TempDir()
	bin, err := c.InstallRelease(ctx, "v1.2.3", "linux", "amd64", dir)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(bin); err != nil || string(data) != fakeBinary || bin != filepath.Join(dir, "waform") {
		t.Fatalf("installed %s: %q, %v", bin, data, err)
	}
	if fi, err := os.Stat(bin); err != nil || fi.Mode().Perm()&0o111 == 0 {
		t.Errorf("installed binary is not executable: %v %v", fi.Mode(), err)
	}
	if runtime.GOOS != "windows" {
		if out, err := exec.Command(bin).Output(); err != nil || string(out) != "waform v1.2.3\n" {
			t.Errorf("installed binary ran: %q, %v", out, err)
		}
	}

	bin, err = c.InstallRelease(ctx, "v1.2.3", "windows", "amd64", dir)
	if err != nil || filepath.Base(bin) != "waform.exe" {
		t.Fatalf("windows zip: %s, %v", bin, err)
	}

	// A download that does not match checksums.txt is refused and nothing
	// is written.
	bad := t.TempDir()
	_, err = c.InstallRelease(ctx, "v1.2.3", "linux", "arm64", bad)
	if err == nil || !strings.Contains(err.Error(), "checksum mismatch for waform_1.2.3_linux_arm64.tar.gz") || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("bad checksum: %v", err)
	}
	if entries, _ := os.ReadDir(bad); len(entries) != 0 {
		t.Errorf("a refused download left files: %v", entries)
	}

	// A platform the release has no build for.
	if _, err := c.InstallRelease(ctx, "v1.2.3", "freebsd", "amd64", t.TempDir()); err == nil || !strings.Contains(err.Error(), "lists no waform_1.2.3_freebsd_amd64.tar.gz") {
		t.Errorf("missing platform: %v", err)
	}
	// A release that does not exist.
	if _, err := c.InstallRelease(ctx, "v9.9.9", "linux", "amd64", t.TempDir()); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("missing release: %v", err)
	}
}

// A missing release falls back to building the action's own source: here a
// tiny module standing for waform's, so the test compiles in a second.
func TestMissingReleaseBuildsFromSource(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	c, _ := fakeGitHub(t, "[]")
	p, err := c.Resolve(context.Background(), "", "feature-branch")
	if err != nil || !p.FromSource {
		t.Fatalf("Resolve = %+v, %v", p, err)
	}
	src := t.TempDir()
	for name, content := range map[string]string{
		"go.mod": "module github.com/waform/waform\n\ngo 1.21\n",
		"main.go": `package main

import "github.com/waform/waform/internal/cli"

func main() { println(cli.Version()) }
`,
		"internal/cli/v.go": "package cli\n\nvar version = \"\"\n\nfunc Version() string { return version }\n",
	} {
		path := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin, err := BuildFromSource(context.Background(), src, p.Version, runtime.GOOS, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin).CombinedOutput()
	if err != nil || string(out) != "feature-branch+source\n" {
		t.Errorf("source build printed %q, %v", out, err)
	}
}

// The resolve step's outputs, as the action reads them.
func TestMainResolveWritesOutputs(t *testing.T) {
	c, root := fakeGitHub(t, `[{"tag_name": "v1.2.3"}]`)
	releaseFolder(t, root, "v1.2.3", "")
	outFile := filepath.Join(t.TempDir(), "output")
	env := map[string]string{"WAFORM_RELEASES_URL": c.Releases, "GITHUB_API_URL": c.API, "GITHUB_OUTPUT": outFile}
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"resolve", "--action-ref", "v1"}, &stdout, &stderr, func(k string) string { return env[k] }); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, _ := os.ReadFile(outFile)
	want := fmt.Sprintf("version=v1.2.3\nfrom=release\ncache-key=waform-v1.2.3-%s-%s\n", runtime.GOOS, runtime.GOARCH)
	if string(got) != want {
		t.Errorf("outputs:\n%s\nwant:\n%s", got, want)
	}

	// A branch: the log says it builds from source.
	stdout.Reset()
	if err := os.Remove(outFile); err != nil {
		t.Fatal(err)
	}
	if code := Main(context.Background(), []string{"resolve", "--action-ref", "main", "--src", t.TempDir()}, &stdout, &stderr, func(k string) string { return env[k] }); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "::notice title=waform built from source::main is not a release tag: building waform from the action's source at main") {
		t.Errorf("log: %s", stdout.String())
	}
	got, _ = os.ReadFile(outFile)
	if !strings.Contains(string(got), "from=source\n") || !strings.Contains(string(got), "cache-key=waform-src-") {
		t.Errorf("outputs:\n%s", got)
	}
}
