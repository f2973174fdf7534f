package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"

	"github.com/crosscheck-news/crosscheck"
)

// urlOnlyError is a JSON article object with neither text nor html. Read
// reports it as an article without a body; Parse, when fetching is allowed,
// fetches its URL instead.
type urlOnlyError struct {
	doc crosscheck.Document // URL, Title, Outlet and Published as the object gave them
}

func (e *urlOnlyError) Error() string {
	return `no article: want a non-empty "text" or "html" field`
}

// ParseOptions configures Parse.
type ParseOptions struct {
	// Source caps the body (MaxBytes) and guards fetching (AllowPrivate,
	// Timeout, robots.txt) exactly as for Read.
	Source Options
	// FetchURLs lets a JSON article object that has a url but neither text
	// nor html be fetched from that URL. Off, such an object is an error.
	FetchURLs bool
}

// Parse reads one body whose format its media type says — the Content-Type
// of an HTTP request: application/json (one article object or an array of
// them, with the fields of a .json file), application/x-ndjson or
// application/jsonl (one object per line), text/html, or text/plain. An
// empty type or application/octet-stream is sniffed as standard input is.
// Gzip is unpacked. name names the body in Document.Source and in errors
// ("name:LINE" for one line of a JSONL body, "name[INDEX]" for one element
// of a JSON array).
//
// Like Read, Parse yields one *Error per item that fails and goes on with
// the next; a body over opt.Source.MaxBytes, of an unknown media type, or in
// a charset that cannot be decoded is one *Error.
func Parse(ctx context.Context, name, contentType string, r io.Reader, opt ParseOptions) iter.Seq2[crosscheck.Document, error] {
	return func(yield func(crosscheck.Document, error) bool) {
		sopt := opt.Source.withDefaults()
		f, charset, err := formatOfMedia(contentType)
		if err != nil {
			yield(fail(name, err))
			return
		}
		body, over, err := readAllLimited(r, 0, sopt.MaxBytes)
		switch {
		case err != nil:
			yield(fail(name, fmt.Errorf("reading the body: %w", err)))
			return
		case over:
			yield(fail(name, sizeError("body", sopt.MaxBytes)))
			return
		}
		if body, err = unpack(body, false, sopt.MaxBytes); err != nil {
			yield(fail(name, err))
			return
		}
		if f == formatUnknown {
			f = sniffFormat(body)
		}
		// HTML keeps its bytes and charset for the extract stage to decode;
		// everything else is read as UTF-8, so it is decoded here.
		if f != formatHTML {
			if body, err = toUTF8(body, charset); err != nil {
				yield(fail(name, err))
				return
			}
		}

		var fetcher *Fetcher
		defer func() {
			if fetcher != nil {
				fetcher.Close()
			}
		}()
		documents(name, f, body, "body", func(doc crosscheck.Document, err error) bool {
			var uo *urlOnlyError
			if errors.As(err, &uo) && opt.FetchURLs && uo.doc.URL != "" {
				var src string
				if se, ok := err.(*Error); ok {
					src = se.Source
				}
				if fetcher == nil {
					fetcher = newFetcher(sopt)
				}
				doc, err = fetchArticle(ctx, fetcher, uo.doc)
				if err != nil {
					var fe *Error
					if errors.As(err, &fe) {
						err = &Error{Source: src, Err: fmt.Errorf("fetching %s: %w", fe.Source, fe.Err)}
					}
				} else {
					doc.Source = src
				}
			}
			if err == nil && doc.Kind == crosscheck.KindHTML && doc.ContentType == "" && f == formatHTML {
				doc.ContentType = contentType
			}
			return yield(doc, err)
		})
	}
}

// fetchArticle fetches what a URL-only JSON article names and keeps the
// title, outlet and publication time the object gave over the page's own.
func fetchArticle(ctx context.Context, f *Fetcher, given crosscheck.Document) (crosscheck.Document, error) {
	doc, err := f.Fetch(ctx, given.URL)
	if err != nil {
		return doc, err
	}
	if given.Title != "" {
		doc.Title = given.Title
	}
	if given.Outlet != "" {
		doc.Outlet = given.Outlet
	}
	if given.Published != nil {
		doc.Published = given.Published
	}
	return doc, nil
}

// formatOfMedia reads the format and charset from a Content-Type.
// formatUnknown (with no error) means: sniff the body.
func formatOfMedia(contentType string) (format, string, error) {
	if strings.TrimSpace(contentType) == "" {
		return formatUnknown, "", nil
	}
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return formatUnknown, "", fmt.Errorf("malformed Content-Type %q: %v", contentType, err)
	}
	charset := params["charset"]
	switch media {
	case "application/json":
		return formatJSON, charset, nil
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return formatJSONL, charset, nil
	case "text/html", "application/xhtml+xml":
		return formatHTML, charset, nil
	case "text/plain":
		return formatText, charset, nil
	case "application/octet-stream", "application/gzip", "application/x-gzip":
		return formatUnknown, charset, nil
	}
	return formatUnknown, "", fmt.Errorf("unsupported Content-Type %q: want application/json, application/x-ndjson, text/html or text/plain", media)
}

// toUTF8 decodes body from charset (a label as in Content-Type) to UTF-8.
// No charset, UTF-8 and US-ASCII leave the bytes as they are, for the
// format's own UTF-8 check.
func toUTF8(body []byte, charset string) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return body, nil
	}
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unknown charset %q in the Content-Type", charset)
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		return nil, fmt.Errorf("decoding the body from %s: %w", charset, err)
	}
	return out, nil
}
