package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/internal/validate"
)

// messageFlags are the flags render and send share: which template, and
// the values of its variables.
type messageFlags struct {
	Name        string   `arg:"" help:"Template name."`
	Language    string   `short:"l" help:"Template language (default: its only language)." placeholder:"CODE"`
	Param       []string `short:"p" sep:"none" help:"A variable's value: name=value, 1=value, header=…, button.0=… (repeatable)." placeholder:"KEY=VALUE"`
	ParamsFile  string   `name:"params-file" help:"YAML or JSON file mapping parameter keys to values; --param wins over it." placeholder:"FILE"`
	HeaderMedia string   `name:"header-media" help:"Media of a media header: a local file (uploaded first), an https:// URL, or id:MEDIA_ID (default: the file the header sample names, header_handle: [./FILE])." placeholder:"PATH|URL"`
	Dir         string   `help:"Templates folder (default: templates in waform.yaml, else ./templates)." placeholder:"DIR"`
}

type renderCmd struct {
	messageFlags
	Format string `enum:"text,json" default:"text" help:"text: the message as a recipient sees it; json: the exact send request body."`
	To     string `help:"Recipient to put in the JSON body (default: none)." placeholder:"NUMBER"`
}

func (renderCmd) Help() string {
	return `Shows a template as a recipient would see it, offline: header, body with
values filled in, footer and buttons. Values come from --param, then
--params-file, then the template's own examples, so no parameter is needed
to see a sample. Every value is checked as a send would check it.

Example:
  waform render order_confirmation
  waform render order_confirmation --language es_ES --param customer_name=Ana
  waform render shipping_update --param 1=Maria --param header.1=ORD-9
  waform render flash_deal --header-media ./deal.jpg --format json`
}

func (c *renderCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	v := s.view(g, env, c.Format)
	tpl, params, err := c.load(g, v, env)
	if err != nil {
		return err
	}
	opts := message.Options{Now: clock.From(ctx).Now()}
	if c.To != "" {
		if opts.To, err = message.NormalizeNumber(c.To); err != nil {
			return err
		}
	}
	if c.Format == "json" {
		m, err := message.Build(tpl, params, opts)
		if err != nil {
			return err
		}
		return render.JSON(s.Out, m.Request)
	}
	pv, err := message.PreviewOf(tpl, params, opts)
	if err != nil {
		return err
	}
	return render.WriteMessage(v.Out, previewMessage(pv), render.BubbleOptions{Color: v.Color(), Width: v.BubbleWidth()})
}

// load finds the template and gathers the parameters.
func (c *messageFlags) load(g *Globals, v render.View, env Env) (template.Template, message.Params, error) {
	dir := c.Dir
	if dir == "" {
		settings, err := loadSettings(g, v, env)
		if err != nil {
			return template.Template{}, nil, err
		}
		dir = settings.Templates
	}
	tpl, file, err := findTemplate(dir, c.Name, c.Language, v)
	if err != nil {
		return template.Template{}, nil, err
	}
	params, err := c.params(v)
	if err != nil {
		return tpl, nil, err
	}
	if err := message.WithHeaderFiles(tpl, file, params); err != nil {
		return tpl, nil, err
	}
	return tpl, params, nil
}

func (c *messageFlags) params(v render.View) (message.Params, error) {
	flags, err := message.ParseFlags(c.Param)
	if err != nil {
		return nil, err
	}
	if c.HeaderMedia != "" {
		if _, dup := flags["header"]; dup {
			return nil, fmt.Errorf("parse parameters: give the header's media with --header-media or --param header=…, not both")
		}
		flags["header"] = c.HeaderMedia
	}
	if c.ParamsFile == "" {
		return flags, nil
	}
	data, err := os.ReadFile(c.ParamsFile)
	if err != nil {
		return nil, fmt.Errorf("read parameters: %w", err)
	}
	if strings.TrimSpace(string(data)) == "" {
		return flags, nil
	}
	docs, diags := spec.Parse(c.ParamsFile, data)
	if err := v.Diagnostics(diags); err != nil {
		return nil, err
	}
	if diag.HasErrors(diags) || len(docs) != 1 {
		return nil, &exitError{code: exitFailure, msg: fmt.Sprintf("read parameters: %s must hold one YAML or JSON mapping", c.ParamsFile)}
	}
	file, err := message.FromValue(docs[0].Value)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.ParamsFile, err)
	}
	return message.Merge(file, flags), nil
}

// findTemplate returns the valid template name in language (see
// validate.Find), showing the errors that explain a failure.
func findTemplate(dir, name, language string, v render.View) (template.Template, string, error) {
	t, file, ds, err := validate.Find(dir, name, language)
	if werr := v.Diagnostics(ds); werr != nil {
		return t, file, werr
	}
	if errors.Is(err, validate.ErrTemplateInvalid) {
		return t, file, &exitError{code: exitFailure, msg: fmt.Sprintf("template %s is invalid; see the errors above", name)}
	}
	return t, file, err
}

// previewMessage hands message's preview text to the renderer.
func previewMessage(pv message.Preview) render.Message {
	m := render.Message{Header: pv.Header.Line(), HeaderIsText: pv.Header.IsText(), Offer: pv.Offer.Line(),
		Body: pv.Body, Footer: pv.Footer, Buttons: message.ButtonLines(pv.Buttons)}
	for _, c := range pv.Cards {
		m.Cards = append(m.Cards, render.Message{Header: c.Header.Line(), HeaderIsText: c.Header.IsText(),
			Body: c.Body, Buttons: message.ButtonLines(c.Buttons)})
	}
	return m
}
