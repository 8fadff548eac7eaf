package template

// For the tests of package template_test, which read the repository's
// YAML through spec (which imports template).
var (
	RepoRoot = repoRoot
	MustJSON = mustJSON
)
