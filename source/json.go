package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/itlightning/dateparse"

	"github.com/crosscheck-news/crosscheck"
)

// JSON article objects. Every field is optional except that one of text and
// html must be non-empty. Common names from other tools are accepted too;
// when several are present the first of each list wins:
//
//	url:       url, link
//	title:     title, headline
//	text:      text, body, content, maintext
//	html:      html, raw_html
//	published: published, date, date_publish, published_at, publishedAt, pubDate
//	outlet:    outlet, source_domain, site_name, publisher
//
// When both text and html are given, text wins: whoever wrote the JSON has
// already extracted the article, and a second extraction from the HTML can
// only add site chrome or lose paragraphs. The HTML is used when the text is
// empty.
var (
	urlFields       = []string{"url", "link"}
	titleFields     = []string{"title", "headline"}
	textFields      = []string{"text", "body", "content", "maintext"}
	htmlFields      = []string{"html", "raw_html"}
	publishedFields = []string{"published", "date", "date_publish", "published_at", "publishedAt", "pubDate"}
	outletFields    = []string{"outlet", "source_domain", "site_name", "publisher"}
)

// jsonDocuments reads a .json file: one article object, or an array of them
// (each then named "file.json[INDEX]", from 0).
func jsonDocuments(src string, body []byte, yield yielder) bool {
	if firstByte(body) == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(body, &items); err != nil {
			return yield(fail(src, jsonSyntaxError(body, err, true)))
		}
		if len(items) == 0 {
			return yield(fail(src, errors.New("empty JSON array: no articles")))
		}
		for i, item := range items {
			itemSrc := fmt.Sprintf("%s[%d]", src, i)
			doc, err := parseArticle(item)
			if err != nil {
				if !yield(fail(itemSrc, err)) {
					return false
				}
				continue
			}
			doc.Source = itemSrc
			if !yield(doc, nil) {
				return false
			}
		}
		return true
	}
	doc, err := parseArticle(body)
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			err = jsonSyntaxError(body, se, true)
		}
		return yield(fail(src, err))
	}
	doc.Source = src
	return yield(doc, nil)
}

// jsonlDocuments reads a .jsonl file: one article object per line, blank
// lines ignored. A bad line is one error naming "file.jsonl:LINE"; the other
// lines go on.
func jsonlDocuments(src string, body []byte, noun string, yield yielder) bool {
	if err := checkBinary(body, noun); err != nil {
		return yield(fail(src, err))
	}
	if hasUTF16BOM(body) {
		return yield(fail(src, errors.New("UTF-16 text (byte order mark at the start): convert it to UTF-8")))
	}
	body = bytes.TrimPrefix(body, bomUTF8)
	lineNo, articles := 0, 0
	for len(body) > 0 {
		lineNo++
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		articles++
		lineSrc := src + ":" + strconv.Itoa(lineNo)
		if i := invalidUTF8(line); i >= 0 {
			if !yield(fail(lineSrc, fmt.Errorf("invalid UTF-8 at byte %d of the line (convert the file to UTF-8)", i+1))) {
				return false
			}
			continue
		}
		doc, err := parseArticle(line)
		if err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				err = jsonSyntaxError(line, se, false)
			}
			if !yield(fail(lineSrc, err)) {
				return false
			}
			continue
		}
		doc.Source = lineSrc
		if !yield(doc, nil) {
			return false
		}
	}
	if articles == 0 {
		return yield(fail(src, fmt.Errorf("empty %s (only blank lines)", noun)))
	}
	return true
}

// jsonSyntaxError places a JSON syntax error: by line and column in a file,
// by column in a JSONL line.
func jsonSyntaxError(data []byte, err error, multiline bool) error {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("malformed JSON: %w", err)
	}
	msg := se.Error()
	if strings.Contains(msg, "after top-level value") {
		msg += " (one article per line? name the file .jsonl)"
	}
	// The offset is just past the byte the decoder choked on; for input that
	// ends too soon, the place is the end of the last non-blank line.
	at := int(min(max(se.Offset-1, 0), int64(len(data))))
	if strings.HasPrefix(msg, "unexpected end") {
		at = len(bytes.TrimRight(data, " \t\r\n"))
	}
	if !multiline {
		return fmt.Errorf("malformed JSON at column %d: %s", at+1, msg)
	}
	line := bytes.Count(data[:at], []byte{'\n'}) + 1
	col := at - (bytes.LastIndexByte(data[:at], '\n') + 1) + 1
	return fmt.Errorf("malformed JSON at line %d, column %d: %s", line, col, msg)
}

// parseArticle reads one article object into a Document without Source.
func parseArticle(data []byte) (crosscheck.Document, error) {
	var doc crosscheck.Document
	first := firstByte(data)
	if first == 0 {
		return doc, errors.New("empty JSON value: want an article object")
	}
	if first != '{' {
		if !json.Valid(data) {
			// Let the decoder say where the syntax breaks.
			var v any
			return doc, json.Unmarshal(data, &v)
		}
		return doc, fmt.Errorf("want a JSON article object, got %s", jsonKind(first))
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return doc, err
	}
	var err error
	str := func(names []string) string {
		if err != nil {
			return ""
		}
		var s string
		s, err = stringField(fields, names)
		return s
	}
	doc.URL = strings.TrimSpace(str(urlFields))
	doc.Title = strings.TrimSpace(str(titleFields))
	doc.Outlet = strings.TrimSpace(str(outletFields))
	text := str(textFields)
	html := str(htmlFields)
	if err != nil {
		return crosscheck.Document{}, err
	}
	doc.Published, err = publishedField(fields)
	if err != nil {
		return crosscheck.Document{}, err
	}
	switch {
	case strings.TrimSpace(text) != "":
		if strings.IndexByte(text, 0) >= 0 {
			return crosscheck.Document{}, errors.New(`field "text": contains NUL characters (binary data?)`)
		}
		doc.Kind, doc.ContentType, doc.Body = crosscheck.KindText, "text/plain; charset=utf-8", []byte(text)
	case strings.TrimSpace(html) != "":
		// The HTML arrives decoded from a JSON string, so it is UTF-8
		// whatever its <meta charset> says.
		doc.Kind, doc.ContentType, doc.Body = crosscheck.KindHTML, "text/html; charset=utf-8", []byte(html)
	default:
		// Parse fetches doc.URL for such an object when asked to; file
		// reading reports it as an article without a body.
		return crosscheck.Document{}, &urlOnlyError{doc: doc}
	}
	return doc, nil
}

// jsonKind names the JSON value that starts with c.
func jsonKind(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// stringField returns the first of names present with a non-null value,
// which must be a string.
func stringField(fields map[string]json.RawMessage, names []string) (string, error) {
	for _, name := range names {
		raw, ok := fields[name]
		if !ok || string(raw) == "null" {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("field %q: want a string, got %s", name, jsonKind(firstByte(raw)))
		}
		return s, nil
	}
	return "", nil
}

func firstByte(b []byte) byte {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// publishedField reads the publication time: a date string in any common
// form, or a Unix time in seconds (or milliseconds, when too big for seconds).
func publishedField(fields map[string]json.RawMessage) (*time.Time, error) {
	for _, name := range publishedFields {
		raw, ok := fields[name]
		if !ok || string(raw) == "null" {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			if strings.TrimSpace(s) == "" {
				return nil, nil
			}
			t, err := ParseDate(s)
			if err != nil {
				return nil, fmt.Errorf("field %q: %w", name, err)
			}
			return &t, nil
		}
		var n float64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("field %q: want a date string or a Unix time, got %s", name, jsonKind(firstByte(raw)))
		}
		t, err := unixTime(n)
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", name, err)
		}
		return &t, nil
	}
	return nil, nil
}

// unixMillisAbove is where a Unix time is taken to be in milliseconds: in
// seconds it would be past the year 5000.
const unixMillisAbove = 1e11

func unixTime(n float64) (time.Time, error) {
	if math.IsNaN(n) || math.IsInf(n, 0) || n < 0 || n > 1e14 {
		return time.Time{}, fmt.Errorf("Unix time %v is out of range", n)
	}
	if n > unixMillisAbove {
		return time.UnixMilli(int64(n)).UTC(), nil
	}
	sec, frac := math.Modf(n)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// dateLayouts are tried before the general parser: the forms news data
// mostly uses, exactly.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
	time.RFC1123Z,
	time.RFC1123,
}

// ParseDate reads a publication date liberally: RFC 3339, a plain date
// (2006-01-02), RFC 1123 (as in feeds and HTTP), and the many other forms
// the dateparse package knows. A time without a zone is taken as UTC. A date
// whose day and month order is ambiguous (03/04/2024) is an error rather
// than a guess.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	t, err := dateparse.ParseStrict(s)
	if err == nil {
		return t, nil
	}
	if errors.Is(err, dateparse.ErrAmbiguousMMDD) {
		// The parser calls any nn/nn/nnnn ambiguous; it is not when only one
		// reading is a date (25/03/2024) or both readings agree (05/05/2024).
		monthFirst, errM := dateparse.ParseAny(s, dateparse.PreferMonthFirst(true), dateparse.RetryAmbiguousDateWithSwap(false))
		dayFirst, errD := dateparse.ParseAny(s, dateparse.PreferMonthFirst(false), dateparse.RetryAmbiguousDateWithSwap(false))
		switch {
		case errM == nil && errD == nil && monthFirst.Equal(dayFirst):
			return monthFirst, nil
		case errM == nil && errD != nil:
			return monthFirst, nil
		case errM != nil && errD == nil:
			return dayFirst, nil
		}
		return time.Time{}, fmt.Errorf("date %q is ambiguous (day/month or month/day?): write it as 2006-01-02", s)
	}
	return time.Time{}, fmt.Errorf("cannot read date %q: want RFC 3339 (2006-01-02T15:04:05Z), a plain date (2006-01-02) or another common form", s)
}
