package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
)

// benchShapes are the kinds of template the benchmark mixes; %[1]d is the
// template's number, so every name is unique.
var benchShapes = []string{
	`name: order_%[1]d
language: en_US
category: UTILITY
components:
  - type: HEADER
    format: TEXT
    text: "Order {{1}} update"
    example: { header_text: ["A-%[1]d"] }
  - type: BODY
    text: "Hi {{1}}, your order {{2}} ships on {{3}}. Reply to this message if anything is wrong with it."
    example: { body_text: [["Pablo", "A-%[1]d", "Monday"]] }
  - type: FOOTER
    text: Reply STOP to opt out
  - type: BUTTONS
    buttons:
      - { type: URL, text: Track, url: "https://example.com/t/{{1}}", example: ["https://example.com/t/A-%[1]d"] }
      - { type: PHONE_NUMBER, text: Call us, phone_number: "15550051310" }
      - { type: QUICK_REPLY, text: Thanks }
`,
	`name: promo_%[1]d
language: es_MX
category: marketing
parameter_format: named
components:
  - type: header
    format: image
    example: { header_handle: ["4::aW1hZ2U="] }
  - type: body
    text: "Hola {{first_name}}, usa el código {{code}} para obtener un descuento en tu próxima compra esta semana."
    example:
      body_text_named_params:
        - { param_name: first_name, example: Pablo }
        - { param_name: code, example: SAVE%[1]d }
  - type: buttons
    buttons:
      - { type: copy_code, example: SAVE10 }
      - { type: quick_reply, text: No gracias }
`,
	`name: login_%[1]d
language: en_US
category: AUTHENTICATION
message_send_ttl_seconds: 600
components:
  - type: BODY
    add_security_recommendation: true
  - type: FOOTER
    code_expiration_minutes: 10
  - type: BUTTONS
    buttons:
      - type: OTP
        otp_type: ONE_TAP
        autofill_text: Autofill
        supported_apps:
          - { package_name: com.example.app, signature_hash: "K8a/AINcGX7" }
`,
	`name: cards_%[1]d
language: en_US
category: MARKETING
components:
  - type: BODY
    text: "New arrivals for you, {{1}}! Pick your favourite from the cards below today."
    example: { body_text: [["Pablo"]] }
  - type: CAROUSEL
    cards:
      - components:
          - { type: HEADER, format: IMAGE, example: { header_handle: ["4::a"] } }
          - { type: BODY, text: "The first card." }
          - { type: BUTTONS, buttons: [{ type: QUICK_REPLY, text: More }] }
      - components:
          - { type: HEADER, format: IMAGE, example: { header_handle: ["4::b"] } }
          - { type: BODY, text: "The second card." }
          - { type: BUTTONS, buttons: [{ type: QUICK_REPLY, text: More }] }
`,
	// An invalid one, so the reporting path is measured too.
	`name: broken_%[1]d
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "{{1}} is here {{3}}"
  - type: FOOTER
    text: "Ref {{1}}"
`,
}

// benchFiles renders n templates into files of 100 documents each.
func benchFiles(n int) map[string][]byte {
	files := map[string][]byte{}
	for start := 0; start < n; start += 100 {
		var b strings.Builder
		for i := start; i < min(start+100, n); i++ {
			if i > start {
				b.WriteString("---\n")
			}
			fmt.Fprintf(&b, benchShapes[i%len(benchShapes)], i)
		}
		files[fmt.Sprintf("templates/batch_%03d.yaml", start/100)] = []byte(b.String())
	}
	return files
}

// BenchmarkValidate6000 loads and validates 6,000 templates, one file each
// as import writes them: the size of a verified business's whole template
// allowance. It measures what `waform validate templates/` does.
func BenchmarkValidate6000(b *testing.B) {
	dir := b.TempDir()
	for name, data := range benchFiles(6000) {
		for i, doc := range strings.Split(string(data), "---\n") {
			path := filepath.Join(dir, fmt.Sprintf("%s_%03d.yaml", filepath.Base(name), i))
			if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		docs, ds := Files(dir)
		if len(docs) != 6000 || !diag.HasErrors(ds) {
			b.Fatalf("%d documents, %d diagnostics", len(docs), len(ds))
		}
	}
}

// TestBenchShapes keeps the benchmark honest: the valid shapes really are
// valid, so it measures the full rule path, and the broken one is reported.
func TestBenchShapes(t *testing.T) {
	for i, shape := range benchShapes {
		docs, ds := spec.Parse("shape.yaml", []byte(fmt.Sprintf(shape, i)))
		ds = append(ds, Check(docs)...)
		broken := strings.HasPrefix(shape, "name: broken_")
		if broken != diag.HasErrors(ds) || (!broken && len(ds) > 0) {
			t.Errorf("shape %d: %v", i, ds)
		}
	}
}

// BenchmarkCheck6000 is BenchmarkValidate6000 without the YAML parsing: the
// validator's own share.
func BenchmarkCheck6000(b *testing.B) {
	var docs []*spec.Document
	for name, data := range benchFiles(6000) {
		d, _ := spec.Parse(name, data)
		docs = append(docs, d...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ds := Check(docs); !diag.HasErrors(ds) {
			b.Fatal("the broken templates were not reported")
		}
	}
}
