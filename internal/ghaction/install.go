// Package ghaction is the logic of waform's GitHub Action (action.yml):
// finding and installing the release binary the workflow asked for,
// verified against the release's checksums.txt, or building waform from the
// action's own source when no release exists; and keeping one pull-request
// comment per environment and one drift issue up to date through GitHub's
// REST API. It runs as internal/ghaction/cmd/waform-action, so it is tested here against
// local servers instead of GitHub.
package ghaction

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Where releases live unless a test says otherwise.
const (
	DefaultReleases = "https://github.com/waform/waform/releases/download"
	DefaultAPI      = "https://api.github.com"
	Repo            = "waform/waform"
)

// Client talks to GitHub: release downloads and the REST API.
type Client struct {
	HTTP     *http.Client
	Releases string // base URL of release downloads: <Releases>/<tag>/<file>
	API      string // base URL of the REST API
	Token    string // sent to the API only, never to download hosts
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

// errNotFound is a 404: a release or a file that does not exist.
var errNotFound = errors.New("not found")

func (c *Client) get(ctx context.Context, url string, api bool) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if api {
		req.Header.Set("Accept", "application/vnd.github+json")
		if c.Token != "" {
			req.Header.Set("Authorization", "Bearer "+c.Token)
		}
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 200<<20))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, fmt.Errorf("GET %s: %w", url, errNotFound)
	case resp.StatusCode/100 != 2:
		return nil, fmt.Errorf("GET %s: %s: %s", url, resp.Status, firstLine(body))
	}
	return body, nil
}

// Plan is what Resolve decided: a release to download, or a source build.
type Plan struct {
	// Version is the release tag (v1.2.3), or for a source build the ref
	// the action was used at.
	Version string
	// FromSource is true when no release matches: waform is built from the
	// action's own checkout.
	FromSource bool
	// Why says, for the log, how the version was chosen.
	Why string
}

var (
	fullTag    = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)
	partialTag = regexp.MustCompile(`^v\d+(\.\d+)?$`)
)

// Resolve turns the action's version input (or, when it is empty, the ref
// the workflow used the action at) into a release or a source build:
//
//   - v1.2.3: that release;
//   - v1 or v1.2 (a moving major or minor tag): the newest release in it;
//   - latest: the newest release;
//   - anything else (a branch, a commit): a source build, possible only at
//     the ref the action is used at;
//   - nothing at all (uses: ./): a source build of the local checkout.
//
// A release whose checksums.txt cannot be found is treated as missing, and
// built from source too.
func (c *Client) Resolve(ctx context.Context, input, actionRef string) (Plan, error) {
	v := strings.TrimSpace(input)
	if v == "" {
		v = actionRef
	}
	// A source build compiles the action's own checkout, which is at
	// actionRef: a version input naming any other ref cannot be built that
	// way, and building the checkout under that name would run other code.
	asked := v
	source := func(why string) (Plan, error) {
		if asked != actionRef {
			return Plan{}, fmt.Errorf("version %s: %s, and the action builds from source only the ref it is used at (%s); "+
				"pin a released version, or use the action at that ref (uses: %s@%s) with no version input",
				asked, why, cmp.Or(actionRef, "a local path"), Repo, asked)
		}
		return Plan{Version: asked, FromSource: true, Why: why}, nil
	}
	var why string
	switch {
	case v == "":
		// uses: ./ (the action in the repository itself) has no ref.
		return Plan{Version: "local", FromSource: true, Why: "the action is used from a local path"}, nil
	case v == "latest":
		tag, err := c.newest(ctx, "")
		if err != nil {
			return Plan{}, err
		}
		if tag == "" {
			return Plan{Version: actionRef, FromSource: true, Why: "no release published yet"}, nil
		}
		v, why = tag, "latest release"
	case partialTag.MatchString(v):
		tag, err := c.newest(ctx, v)
		if err != nil {
			return Plan{}, err
		}
		if tag == "" {
			return source("no release in " + v)
		}
		v, why = tag, "newest release in "+strings.TrimSpace(v)
	case !fullTag.MatchString(v):
		return source(v + " is not a release tag")
	default:
		why = "release " + v
	}
	if _, err := c.get(ctx, c.Releases+"/"+v+"/checksums.txt", false); errors.Is(err, errNotFound) {
		return source("no release " + v + " (no checksums.txt)")
	} else if err != nil {
		return Plan{}, err
	}
	return Plan{Version: v, Why: why}, nil
}

// newest returns the highest non-draft, non-prerelease tag starting with
// prefix ("v1" matches v1.x.y, "v1.2" matches v1.2.y), or "" when none.
func (c *Client) newest(ctx context.Context, prefix string) (string, error) {
	var best []int
	tag := ""
	for page := 1; ; page++ {
		body, err := c.get(ctx, fmt.Sprintf("%s/repos/%s/releases?per_page=100&page=%d", c.API, Repo, page), true)
		if err != nil {
			return "", fmt.Errorf("list releases: %w", err)
		}
		var releases []struct {
			Tag        string `json:"tag_name"`
			Draft      bool   `json:"draft"`
			Prerelease bool   `json:"prerelease"`
		}
		if err := json.Unmarshal(body, &releases); err != nil {
			return "", fmt.Errorf("list releases: %w", err)
		}
		for _, r := range releases {
			if r.Draft || r.Prerelease || !fullTag.MatchString(r.Tag) || strings.Contains(r.Tag, "-") {
				continue
			}
			if prefix != "" && r.Tag != prefix && !strings.HasPrefix(r.Tag, prefix+".") {
				continue
			}
			if n := semver(r.Tag); best == nil || slices.Compare(n, best) > 0 {
				best, tag = n, r.Tag
			}
		}
		if len(releases) < 100 {
			return tag, nil
		}
	}
}

func semver(tag string) []int {
	var out []int
	for _, p := range strings.Split(strings.TrimPrefix(tag, "v"), ".") {
		n, _ := strconv.Atoi(p)
		out = append(out, n)
	}
	return out
}

// ArchiveName is the name GoReleaser gives the archive of tag for a
// platform (.goreleaser.yaml's archives.name_template).
func ArchiveName(tag, goos, goarch string) string {
	ext := ".tar.gz"
	if goos == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("waform_%s_%s_%s%s", strings.TrimPrefix(tag, "v"), goos, goarch, ext)
}

// BinaryName is waform's executable name on goos.
func BinaryName(goos string) string {
	if goos == "windows" {
		return "waform.exe"
	}
	return "waform"
}

// InstallRelease downloads the archive of tag for goos/goarch, checks its
// SHA-256 against the release's checksums.txt and extracts the binary into
// dir. Nothing is written to dir unless the checksum matches.
func (c *Client) InstallRelease(ctx context.Context, tag, goos, goarch, dir string) (string, error) {
	sums, err := c.get(ctx, c.Releases+"/"+tag+"/checksums.txt", false)
	if err != nil {
		return "", fmt.Errorf("download checksums: %w", err)
	}
	name := ArchiveName(tag, goos, goarch)
	want, err := checksumOf(sums, name)
	if err != nil {
		return "", fmt.Errorf("release %s: %w", tag, err)
	}
	archive, err := c.get(ctx, c.Releases+"/"+tag+"/"+name, false)
	if err != nil {
		return "", fmt.Errorf("download %s: %w", name, err)
	}
	sum := sha256.Sum256(archive)
	if got := hex.EncodeToString(sum[:]); got != want {
		return "", fmt.Errorf("checksum mismatch for %s: checksums.txt says %s, the download is %s; refusing to install it", name, want, got)
	}
	bin := BinaryName(goos)
	data, err := extract(archive, name, bin)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return writeBinary(dir, bin, data)
}

// checksumOf finds name's SHA-256 in a checksums.txt ("<hex>  <name>" lines).
func checksumOf(sums []byte, name string) (string, error) {
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && strings.TrimPrefix(f[1], "*") == name {
			if len(f[0]) != sha256.Size*2 {
				return "", fmt.Errorf("checksums.txt has a malformed sum for %s", name)
			}
			return strings.ToLower(f[0]), nil
		}
	}
	return "", fmt.Errorf("checksums.txt lists no %s: no build for this platform", name)
}

// extract returns the content of the file named bin at the root of a
// .tar.gz or .zip archive.
func extract(archive []byte, name, bin string) ([]byte, error) {
	if strings.HasSuffix(name, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
		if err != nil {
			return nil, err
		}
		for _, f := range zr.File {
			if path.Clean(f.Name) == bin {
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer rc.Close()
				return io.ReadAll(rc)
			}
		}
		return nil, fmt.Errorf("no %s in the archive", bin)
	}
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("no %s in the archive", bin)
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag == tar.TypeReg && path.Clean(h.Name) == bin {
			return io.ReadAll(tr)
		}
	}
}

func writeBinary(dir, bin string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, bin+".*")
	if err != nil {
		return "", err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	if err := os.Chmod(tmp.Name(), 0o755); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	dest := filepath.Join(dir, bin)
	if err := os.Rename(tmp.Name(), dest); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return dest, nil
}

// BuildFromSource builds waform from the module at src (the action's own
// checkout) into dir, stamped with ref so that waform version says what it
// is. It needs Go on PATH; the action sets it up from go.mod.
func BuildFromSource(ctx context.Context, src, ref, goos, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dest, err := filepath.Abs(filepath.Join(dir, BinaryName(goos)))
	if err != nil {
		return "", err
	}
	ldflags := "-X github.com/waform/waform/internal/cli.version=" + ref + "+source"
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", ldflags, "-o", dest, ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build in %s: %w\n%s", src, err, out)
	}
	return dest, nil
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
