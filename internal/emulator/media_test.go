package emulator

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
)

// multipartUpload builds an upload form; an empty mimeType leaves the file
// part without a Content-Type.
func multipartUpload(t *testing.T, product, typeField, mimeType string, size int) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if product != "" {
		_ = w.WriteField("messaging_product", product)
	}
	if typeField != "" {
		_ = w.WriteField("type", typeField)
	}
	hdr := textproto.MIMEHeader{}
	hdr.Set("Content-Disposition", `form-data; name="file"; filename="f"`)
	if mimeType != "" {
		hdr.Set("Content-Type", mimeType)
	}
	part, err := w.CreatePart(hdr)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(bytes.Repeat([]byte{'x'}, size))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), buf.Bytes()
}

func TestMediaUpload(t *testing.T) {
	tests := []struct {
		name      string
		product   string
		typeField string
		mime      string
		size      int
		wantCode  int
		wantText  string
	}{
		{"jpeg", "whatsapp", "", "image/jpeg", 1000, 0, ""},
		{"type field wins", "whatsapp", "application/pdf", "application/octet-stream", 1000, 0, ""},
		{"png at the limit", "whatsapp", "image/png", "", maxImageSize, 0, ""},
		{"png over the limit", "whatsapp", "image/png", "", maxImageSize + 1, 131053, "larger than the limit"},
		{"sticker over the limit", "whatsapp", "", "image/webp", maxStickerSize + 1, 131053, "larger than the limit"},
		{"unsupported type", "whatsapp", "", "application/zip", 10, 131053, "application/zip"},
		{"empty file", "whatsapp", "", "video/mp4", 0, 131053, "empty"},
		{"missing product", "", "", "image/jpeg", 10, 100, "messaging_product"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			ct, body := multipartUpload(t, tt.product, tt.typeField, tt.mime, tt.size)
			r := h.doWith("POST", kapsoPrefix+"/"+phone+"/media", body, map[string]string{"X-API-Key": DefaultAPIKey, "Content-Type": ct})
			code, _ := r.errCode()
			if code != tt.wantCode || !strings.Contains(string(r.raw), tt.wantText) {
				t.Fatalf("want code %d with %q, got %d %s", tt.wantCode, tt.wantText, r.status, r.raw)
			}
			if tt.wantCode != 0 {
				return
			}
			id, _ := r.body["id"].(string)
			got := h.do("GET", "/"+id+"?phone_number_id="+phone, nil)
			if got.status != http.StatusOK || got.body["id"] != id || got.body["file_size"] != float64(tt.size) {
				t.Fatalf("get media: %s", got.raw)
			}
			if other := h.do("GET", "/"+id+"?phone_number_id=999", nil); other.status != http.StatusNotFound {
				t.Fatalf("media read through another phone: %s", other.raw)
			}
			if del := h.do("DELETE", "/"+id+"?phone_number_id="+phone, nil); del.body["success"] != true {
				t.Fatalf("delete media: %s", del.raw)
			}
			if gone := h.do("GET", "/"+id, nil); gone.status != http.StatusNotFound {
				t.Fatalf("deleted media still served: %s", gone.raw)
			}
		})
	}
}

func TestMediaUploadThenSend(t *testing.T) {
	h := newHarness(t, Options{})
	ct, body := multipartUpload(t, "whatsapp", "", "image/jpeg", 10)
	up := h.doWith("POST", kapsoPrefix+"/"+phone+"/media", body, map[string]string{"X-API-Key": DefaultAPIKey, "Content-Type": ct})
	h.create(mustJSON(richTemplate))
	send := sendBodyFor("rich", "en_US",
		map[string]any{"type": "header", "parameters": []any{map[string]any{"type": "image", "image": map[string]any{"id": up.body["id"]}}}},
		map[string]any{"type": "body", "parameters": []any{
			map[string]any{"type": "text", "parameter_name": "first_name", "text": "Ana"},
			map[string]any{"type": "text", "parameter_name": "order_id", "text": "A-1"}}})
	if r := h.do("POST", "/"+phone+"/messages", send); r.status != http.StatusOK {
		t.Fatalf("send with uploaded media: %s", r.raw)
	}
}

func mustJSON(s string) []byte { return []byte(s) }
