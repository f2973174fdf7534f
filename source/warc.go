package source

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"strings"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/warc"
)

// A .warc or .warc.gz file (plain or gzip-member WARC, as Common Crawl's
// CC-NEWS is published) is read record by record, never whole: archives run
// to gigabytes, so Options.MaxBytes caps each page, not the file. Response
// records holding an HTML page with status 200 become documents; every
// other record (requests, metadata, redirects, images, DNS) is skipped
// without a word, because an archive is mostly those. A record that cannot
// be read is one *Error naming "file#record-N" and its byte offset, and
// reading goes on with the next record.

// warcRecordSource names one record of a WARC file, as a Document's Source
// and in errors.
func warcRecordSource(path string, number int) string {
	return fmt.Sprintf("%s#record-%d", path, number)
}

// warc reads the HTML pages of one WARC file.
func (r *reader) warc(path string, yield yielder) bool {
	file, err := os.Open(path)
	if err != nil {
		return yield(fail(path, fileError(path, err)))
	}
	defer file.Close()
	if info, err := file.Stat(); err == nil && info.IsDir() {
		return yield(fail(path, errors.New("is a directory")))
	}
	wr := warc.NewReader(file)
	records := 0
	for {
		if err := r.ctx.Err(); err != nil {
			yield(fail(path, err))
			return false
		}
		rec, err := wr.Next()
		if err == io.EOF {
			if records == 0 {
				return yield(fail(path, errors.New("empty WARC file: no records")))
			}
			return true
		}
		if err != nil {
			var re *warc.RecordError
			if errors.As(err, &re) {
				records++
				if !yield(fail(warcRecordSource(path, re.Number), fmt.Errorf("at byte %d: %w", re.Offset, re.Err))) {
					return false
				}
				continue
			}
			// The file itself could not be read: nothing after this point
			// can be.
			return yield(fail(path, fmt.Errorf("reading the WARC file: %w", err)))
		}
		records++
		doc, ok, err := r.warcDocument(path, rec)
		switch {
		case err != nil:
			if !yield(fail(warcRecordSource(path, rec.Number), err)) {
				return false
			}
		case ok:
			if !yield(doc, nil) {
				return false
			}
		}
	}
}

// warcDocument makes a document of a record holding an HTML page; ok is
// false for a record that holds none (skipped, not an error).
func (r *reader) warcDocument(path string, rec *warc.Record) (doc crosscheck.Document, ok bool, err error) {
	if rec.Type != "response" {
		return doc, false, nil
	}
	if ct := strings.ToLower(rec.Get("Content-Type")); ct != "" && !strings.HasPrefix(ct, "application/http") {
		return doc, false, nil // dns:, or a resource stored without HTTP
	}
	if !strings.HasPrefix(rec.TargetURI, "http://") && !strings.HasPrefix(rec.TargetURI, "https://") {
		return doc, false, nil
	}
	resp, err := warc.HTTPResponse(rec)
	if err != nil {
		return doc, false, recordReason(rec, err)
	}
	if resp.StatusCode != 200 {
		return doc, false, nil
	}
	contentType := resp.Header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(contentType)
	media = strings.ToLower(media)
	switch media {
	case "text/html", "application/xhtml+xml":
	case "", "application/octet-stream", "text/plain", "application/x-unknown", "unknown/unknown":
		// Servers label pages carelessly: look at the bytes.
	default:
		return doc, false, nil
	}
	// The record's length bounds an identity-encoded body: sized by it,
	// the buffer is allocated once instead of doubling from 512 bytes.
	// Capped, so that a damaged record claiming a huge length costs no
	// more than a real page before it fails.
	hint := resp.ContentLength
	if hint <= 0 {
		hint = rec.ContentLength
	}
	hint = min(hint, 1<<20)
	body, over, err := readAllLimited(resp.Body, hint, r.opt.MaxBytes)
	switch {
	case err != nil:
		return doc, false, recordReason(rec, err)
	case over:
		return doc, false, fmt.Errorf("at byte %d: %w", rec.Offset, sizeError("page", r.opt.MaxBytes))
	}
	if media != "text/html" && media != "application/xhtml+xml" && !looksLikeHTML(body) {
		return doc, false, nil
	}
	if err := checkHTML(body, "page"); err != nil {
		return doc, false, fmt.Errorf("at byte %d (%s): %w", rec.Offset, rec.TargetURI, err)
	}
	return crosscheck.Document{
		Source:      warcRecordSource(path, rec.Number),
		URL:         rec.TargetURI,
		Kind:        crosscheck.KindHTML,
		ContentType: contentType,
		Body:        body,
	}, true, nil
}

// recordReason words an error met inside a record: the WARC reader's own
// errors carry the offset already.
func recordReason(rec *warc.Record, err error) error {
	var re *warc.RecordError
	if errors.As(err, &re) {
		return fmt.Errorf("at byte %d: %w", re.Offset, re.Err)
	}
	return fmt.Errorf("at byte %d (%s): %w", rec.Offset, rec.TargetURI, err)
}
