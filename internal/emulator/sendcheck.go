package emulator

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/template"
)

var placeholderRe = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\s*\}\}`)

// placeholders lists a text's distinct variables in order of appearance.
func placeholders(text string) []string {
	var out []string
	for _, m := range placeholderRe.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// sentComponents indexes a send's components by role.
type sentComponents struct {
	header, body *sendComponent
	buttons      map[string]*sendComponent
}

func indexSent(comps []sendComponent) sentComponents {
	sc := sentComponents{buttons: map[string]*sendComponent{}}
	for i := range comps {
		switch strings.ToLower(comps[i].Type) {
		case "header":
			sc.header = &comps[i]
		case "body":
			sc.body = &comps[i]
		case "button":
			sc.buttons[string(comps[i].Index)] = &comps[i]
		}
	}
	return sc
}

// checkSendParams applies the send-time checks of TEMPLATE-RULES §7 against
// the template as Meta stores it (authentication templates rewritten).
func (s *Server) checkSendParams(rec *record, comps []sendComponent) *apiError {
	tcomps := rec.Template.Components
	if strings.EqualFold(rec.Template.Category, template.CategoryAuthentication) {
		tcomps = authComponents(tcomps)
	}
	named := strings.EqualFold(rec.Template.ParameterFormat, template.ParameterFormatNamed)
	sent := indexSent(comps)
	var buttons []template.Button
	for _, tc := range tcomps {
		var err *apiError
		switch strings.ToUpper(tc.Type) {
		case template.ComponentHeader:
			err = s.checkHeader(tc, sent.header, named)
			sent.header = nil
		case template.ComponentBody:
			err = checkText("body", tc.Text, sent.body, named)
			sent.body = nil
		case template.ComponentButtons:
			buttons = tc.Buttons
		}
		if err != nil {
			return err
		}
	}
	if sent.header != nil && len(sent.header.Parameters) > 0 {
		return paramCountError("header", len(sent.header.Parameters), 0)
	}
	if err := checkButtons(buttons, sent.buttons); err != nil {
		return err
	}
	return checkParamText(comps)
}

func paramCountError(where string, got, want int) *apiError {
	return sendError(http.StatusBadRequest, 132000, "(#132000) Number of parameters does not match the expected number of params",
		fmt.Sprintf("%s: number of localizable_params (%d) does not match the expected number of params (%d)", where, got, want))
}

// checkText checks the parameters sent for a text with variables: their
// count and, for NAMED templates, their names.
func checkText(where, text string, sc *sendComponent, named bool) *apiError {
	vars := placeholders(text)
	var params []sendParam
	if sc != nil {
		params = sc.Parameters
	}
	if len(params) != len(vars) {
		return paramCountError(where, len(params), len(vars))
	}
	if !named {
		return nil
	}
	seen := map[string]bool{}
	for _, p := range params {
		if !slices.Contains(vars, p.ParameterName) || seen[p.ParameterName] {
			return sendError(http.StatusBadRequest, 132000, "(#132000) Number of parameters does not match the expected number of params",
				fmt.Sprintf("%s: parameter_name %q does not match a parameter of the template (%s)", where, p.ParameterName, strings.Join(vars, ", ")))
		}
		seen[p.ParameterName] = true
	}
	return nil
}

func (s *Server) checkHeader(tc template.Component, sc *sendComponent, named bool) *apiError {
	format := strings.ToUpper(tc.Format)
	if format == "" || format == template.HeaderText {
		return checkText("header", tc.Text, sc, named)
	}
	got := "UNKNOWN"
	var p sendParam
	if sc != nil && len(sc.Parameters) > 0 {
		p = sc.Parameters[0]
		got = strings.ToUpper(p.Type)
	}
	want := format
	if want == template.HeaderGIF {
		want = template.HeaderVideo
	}
	if got != want {
		return sendError(http.StatusBadRequest, 132012, "(#132012) Parameter format does not match format in the created template",
			fmt.Sprintf("header: Format mismatch, expected %s, received %s", format, got))
	}
	ref := map[string]*mediaRef{template.HeaderImage: p.Image, template.HeaderVideo: p.Video, template.HeaderDocument: p.Document}[want]
	if format == template.HeaderLocation {
		return nil
	}
	switch {
	case ref == nil || (ref.ID == "") == (ref.Link == ""):
		return sendError(http.StatusBadRequest, 131009, "(#131009) Parameter value is not valid",
			fmt.Sprintf("header: %s parameter needs exactly one of id or link", strings.ToLower(want)))
	case ref.ID != "" && s.st.mediaByID(ref.ID) == nil:
		return sendError(http.StatusBadRequest, 131009, "(#131009) Parameter value is not valid",
			fmt.Sprintf("header: media id %s was not uploaded to this phone number", ref.ID))
	}
	return nil
}

// checkButtons requires a parameter for every button with a variable (URL
// with {{...}}, COPY_CODE) and refuses parameters for buttons that are not
// there.
func checkButtons(tbs []template.Button, sent map[string]*sendComponent) *apiError {
	for i, b := range tbs {
		typ := strings.ToUpper(b.Type)
		needs := (typ == template.ButtonURL && len(placeholders(b.URL)) > 0) || typ == template.ButtonCopyCode
		sc := sent[strconv.Itoa(i)]
		if needs && (sc == nil || len(sc.Parameters) == 0) {
			return sendError(http.StatusBadRequest, 131008, "(#131008) Required parameter is missing",
				fmt.Sprintf("buttons: parameter for the %s button at index %d was expected but was not found", typ, i))
		}
	}
	for idx := range sent {
		n, err := strconv.Atoi(idx)
		if err != nil || n < 0 || n >= len(tbs) {
			return sendError(http.StatusBadRequest, 132000, "(#132000) Number of parameters does not match the expected number of params",
				fmt.Sprintf("buttons: the template has no button at index %q", idx))
		}
	}
	return nil
}

// checkParamText enforces 132018 on every text value sent.
func checkParamText(comps []sendComponent) *apiError {
	for _, c := range comps {
		for _, p := range c.Parameters {
			if p.Text == nil {
				continue
			}
			if strings.ContainsAny(*p.Text, "\n\t") || strings.Contains(*p.Text, "     ") {
				return sendError(http.StatusBadRequest, 132018, "(#132018) There was an issue with the parameters in your template.",
					"Param text cannot have new-line/tab characters or more than 4 consecutive spaces")
			}
		}
	}
	return nil
}
