package cli

import (
	"io"
	"os"
	"strconv"

	"github.com/waform/waform/internal/render"
)

// terminalOf describes the stream v: a terminal when it is a character
// device other than the null device, which is one too (apply </dev/null in
// a script must not count as someone at the keyboard). The width comes from
// COLUMNS when it is exported (bash and zsh set it without exporting it),
// else from the terminal itself; 0 when neither says.
func terminalOf(v any, env Env) render.Terminal {
	f, ok := v.(*os.File)
	if !ok {
		return render.Terminal{}
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return render.Terminal{}
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(info, null) {
		return render.Terminal{}
	}
	width, _ := strconv.Atoi(env("COLUMNS"))
	if width <= 0 {
		width = windowWidth(f)
	}
	return render.Terminal{TTY: true, Width: width}
}

// view is the View of a command printing results in format ("" for text)
// on s: colour only on a terminal without --no-color or NO_COLOR, and
// GitHub annotations for diagnostics inside GitHub Actions.
func (s Streams) view(g *Globals, env Env, format string) render.View {
	return render.View{
		Format:  format,
		Out:     s.Out,
		Err:     s.Err,
		OutTerm: s.OutTerm,
		ErrTerm: s.ErrTerm,
		NoColor: g.NoColor || env("NO_COLOR") != "",
		GitHub:  env("GITHUB_ACTIONS") == "true",
	}
}

// streams bundles the process streams with what Main detected of them.
func streams(stdin io.Reader, stdout, stderr io.Writer, env Env) Streams {
	return Streams{
		In: stdin, Out: stdout, Err: stderr,
		InTerm:  terminalOf(stdin, env),
		OutTerm: terminalOf(stdout, env),
		ErrTerm: terminalOf(stderr, env),
	}
}
