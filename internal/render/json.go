package render

import (
	"encoding/json"
	"io"
)

// JSON writes v as every --format json output is written: indented by two
// spaces, with a final newline.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
