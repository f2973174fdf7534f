package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// HTTPResponse parses the block of a "response" record as an HTTP response:
// status, headers and body. The body is everything after the headers, up to
// the end of the record, whatever the stored Content-Length says (archivers
// that decode the payload keep the old header; the record's own length is
// the one to trust). A chunked body is de-chunked, and a gzip or deflate
// Content-Encoding is undone when the payload is still encoded. The body is
// read from the record, so it is valid until the next call to Next.
// Errors do not name the record; the caller knows it.
func HTTPResponse(rec *Record) (*http.Response, error) {
	if !strings.HasPrefix(strings.ToLower(rec.Get("Content-Type")), "application/http") && rec.Type != "response" {
		return nil, fmt.Errorf("a %q record, not an HTTP response", rec.Type)
	}
	br := bufio.NewReader(rec.Body)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, fmt.Errorf("not an HTTP response: %w", err)
	}
	if len(resp.TransferEncoding) == 0 {
		// Not chunked: the payload runs to the end of the record.
		resp.Body = io.NopCloser(br)
		resp.ContentLength = -1
	}
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		pr := bufio.NewReader(resp.Body)
		if head, _ := pr.Peek(2); bytes.Equal(head, []byte{0x1f, 0x8b}) {
			zr, err := gzip.NewReader(pr)
			if err != nil {
				return nil, fmt.Errorf("gzip Content-Encoding: %w", err)
			}
			resp.Body = io.NopCloser(zr)
			resp.Header.Del("Content-Encoding")
		} else {
			resp.Body = io.NopCloser(pr)
		}
	case "deflate":
		resp.Body = io.NopCloser(flate.NewReader(resp.Body))
		resp.Header.Del("Content-Encoding")
	}
	return resp, nil
}
