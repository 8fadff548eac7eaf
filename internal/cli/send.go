package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/template"
)

// sendPollInterval is how often --wait reads the message history.
const sendPollInterval = 2 * time.Second

type sendCmd struct {
	messageFlags
	To                string        `required:"" help:"Recipient phone number in international format (+ optional)." placeholder:"NUMBER"`
	DryRun            bool          `name:"dry-run" help:"Print the request URL and body; send nothing."`
	Wait              bool          `help:"Wait until the message is delivered, read or failed."`
	Timeout           time.Duration `default:"2m" help:"How long --wait waits."`
	AllowAnyRecipient bool          `name:"allow-any-recipient" help:"Send to a number outside send.allowed_recipients."`
}

func (sendCmd) Help() string {
	return `Sends an APPROVED template to a test phone. The recipient must be listed in
send.allowed_recipients in waform.yaml (numbers compare as digits), unless
--allow-any-recipient is given, so a test never reaches a customer by
accident; with --local nothing leaves the machine and any number is accepted.
Values come from --param, --params-file and the template's examples, and are
checked before anything is sent. A local --header-media file is checked
against WhatsApp's format and size limits, then uploaded.

Example:
  waform send order_confirmation --to +15551234567
  waform send shipping_update --to 15551234567 --param 1=Maria --wait
  waform send product_launch --to 15551234567 --header-media ./launch.jpg
  waform send order_confirmation -l es_ES --to 15551234567 --dry-run`
}

func (c *sendCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	v := s.view(g, env, "")
	settings, err := loadSettings(g, v, env)
	if err != nil {
		return err
	}
	to, err := message.NormalizeNumber(c.To)
	if err != nil {
		return err
	}
	if !c.AllowAnyRecipient && !g.Local && !message.Allowed(to, settings.AllowedRecipients) {
		return fmt.Errorf("send: %s is not in send.allowed_recipients (%s); add it to waform.yaml or pass --allow-any-recipient",
			to, describeAllowList(settings.AllowedRecipients))
	}
	if c.Dir == "" {
		c.Dir = settings.Templates
	}
	tpl, params, err := c.load(g, v, env)
	if err != nil {
		return err
	}
	clk := clock.From(ctx)
	opts := message.Options{To: to, Now: clk.Now()}
	if c.DryRun {
		return dryRun(s.Out, settings, g.Local, tpl, params, opts)
	}
	sess, err := openSession(ctx, g, v, env)
	if err != nil {
		return err
	}
	defer sess.close()
	sess.announce(v)
	if err := sess.settings.RequirePhone(); err != nil {
		return err
	}
	phone := sess.settings.PhoneNumberID
	sender := sess.account()
	sentAt := clk.Now()
	wamid, err := message.Send(ctx, sender, phone, tpl, params, opts)
	if err != nil {
		return graph.ExplainSendError(err)
	}
	fmt.Fprintln(s.Out, wamid)
	if !c.Wait {
		return nil
	}
	// The history is filtered on the server's clock; a minute of slack
	// keeps a slightly fast local clock from hiding the message.
	st, err := message.Wait(ctx, sender, phone, wamid, message.WaitOptions{
		Timeout: c.Timeout, Interval: sendPollInterval, Since: sentAt.Add(-time.Minute),
		Clock: clk,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.Out, "%s %s\n", wamid, st.Status)
	return nil
}

func describeAllowList(list []string) string {
	if len(list) == 0 {
		return "empty"
	}
	return strings.Join(list, ", ")
}

// dryRun prints what a send would post, with the credential redacted.
func dryRun(w io.Writer, settings config.Settings, local bool, tpl template.Template, params message.Params, opts message.Options) error {
	m, err := message.Build(tpl, params, opts)
	if err != nil {
		return err
	}
	base, provider := "(embedded emulator)", graph.ProviderKapso // --local's emulator is Kapso-style
	if !local {
		provider = settings.Provider
		base, err = graph.ResolveBaseURL(graph.Endpoint{Provider: settings.Provider, BaseURL: settings.BaseURL,
			MetaBaseURL: settings.MetaBaseURL, GraphVersion: settings.GraphVersion})
		if err != nil {
			return err
		}
	}
	phone := settings.PhoneNumberID
	if phone == "" || local {
		phone = "{phone_number_id}"
	}
	fmt.Fprintf(w, "%s\n\n", strings.Join(graph.DescribeSend(provider, base, phone), "\n"))
	return render.JSON(w, m.Request)
}
