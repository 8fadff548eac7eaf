package cli_test

import (
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// mediaFile writes FILE of SIZE bytes starting with the magic bytes of
// TYPE (png, jpeg, pdf, mp4; "text" for none) and filled with a pattern
// derived from SEED, so two files of one size can differ:
//
//	media-file TYPE FILE SIZE [SEED]
func mediaFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args) > 4 {
		ts.Fatalf("usage: media-file TYPE FILE SIZE [SEED]")
	}
	magic := map[string]string{"png": "\x89PNG\r\n\x1a\n", "jpeg": "\xFF\xD8\xFF\xE0", "pdf": "%PDF-1.4\n",
		"mp4": "\x00\x00\x00\x18ftypmp42", "text": ""}
	head, ok := magic[args[0]]
	if !ok {
		ts.Fatalf("media-file: unknown type %q", args[0])
	}
	size, err := strconv.Atoi(args[2])
	ts.Check(err)
	seed := "waform"
	if len(args) == 4 {
		seed = args[3]
	}
	data := make([]byte, 0, size)
	data = append(data, head...)
	for i := 0; len(data) < size; i++ {
		data = append(data, seed[i%len(seed)])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), data[:size], 0o644))
}
