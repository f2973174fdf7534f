package warc

import (
	"bufio"
	"compress/gzip"
	"crypto/sha1"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Writer writes WARC/1.1 records, for tests and generated benchmark
// archives. With Gzip set each record is its own gzip member, as CC-NEWS
// files are.
type Writer struct {
	w    *bufio.Writer
	gzip bool
	zw   *gzip.Writer
}

// NewWriter writes records to w; gz makes each record a gzip member.
func NewWriter(w io.Writer, gz bool) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), gzip: gz}
}

// Field is one named header field.
type Field struct{ Name, Value string }

// WriteRecord writes one record: the version line, WARC-Type, a new
// WARC-Record-ID, WARC-Date (date, or now when zero), WARC-Target-URI when
// target is set, the extra fields (Content-Type belongs there), Content-Length, and block.
func (w *Writer) WriteRecord(typ, target string, date time.Time, block []byte, extra ...Field) error {
	if date.IsZero() {
		date = time.Now()
	}
	var out io.Writer = w.w
	if w.gzip {
		if w.zw == nil {
			w.zw = gzip.NewWriter(w.w)
		} else {
			w.zw.Reset(w.w)
		}
		out = w.zw
	}
	fmt.Fprintf(out, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\n", typ, recordID(typ, target, date, block), date.UTC().Format(time.RFC3339))
	if target != "" {
		fmt.Fprintf(out, "WARC-Target-URI: %s\r\n", target)
	}
	for _, f := range extra {
		fmt.Fprintf(out, "%s: %s\r\n", f.Name, f.Value)
	}
	fmt.Fprintf(out, "Content-Length: %s\r\n\r\n", strconv.Itoa(len(block)))
	out.Write(block)
	if _, err := io.WriteString(out, "\r\n\r\n"); err != nil {
		return err
	}
	if w.gzip {
		return w.zw.Close()
	}
	return nil
}

// WriteResponse writes a "response" record holding an HTTP/1.1 response
// with the given status, Content-Type and body.
func (w *Writer) WriteResponse(target string, date time.Time, status int, contentType string, body []byte) error {
	head := fmt.Sprintf("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", status, http.StatusText(status), contentType, len(body))
	block := append([]byte(head), body...)
	return w.WriteRecord("response", target, date, block, Field{"Content-Type", "application/http; msgtype=response"})
}

// Flush writes buffered data to the underlying writer.
func (w *Writer) Flush() error { return w.w.Flush() }

// recordID is a name-based UUID (version 5 layout) of the record's
// content, so that a generated archive is the same bytes every time.
func recordID(typ, target string, date time.Time, block []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00", typ, target, date.UnixNano())
	h.Write(block)
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
