package source

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/warc"
)

func TestReadWARC(t *testing.T) {
	day := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, gz := range []bool{false, true} {
		var buf bytes.Buffer
		w := warc.NewWriter(&buf, gz)
		page := func(s string) []byte { return []byte("<html><body><p>" + s + "</p></body></html>") }
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(w.WriteRecord("warcinfo", "", day, []byte("software: test\r\n")))
		must(w.WriteRecord("request", "https://news.test/1", day, []byte("GET /1 HTTP/1.1\r\n\r\n")))
		must(w.WriteResponse("https://news.test/1", day, 200, "text/html; charset=utf-8", page("one")))         // record 3
		must(w.WriteResponse("https://news.test/2", day, 404, "text/html", page("missing")))                    // 4: skipped
		must(w.WriteResponse("https://news.test/logo.png", day, 200, "image/png", []byte("\x89PNG\r\n\x1a\n"))) // 5: skipped
		must(w.WriteResponse("https://news.test/3", day, 200, "text/html; charset=windows-1251", []byte("<html><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>")))
		must(w.WriteResponse("https://news.test/4", day, 200, "application/octet-stream", page("sniffed")))       // 7: sniffed HTML
		must(w.WriteResponse("https://news.test/5", day, 200, "application/octet-stream", []byte("plain words"))) // 8: not HTML, skipped
		must(w.WriteRecord("response", "https://news.test/6", day, []byte("no status line here"), warc.Field{Name: "Content-Type", Value: "application/http; msgtype=response"}))
		must(w.WriteRecord("response", "dns:news.test", day, []byte("news.test. 300 IN A 192.0.2.1"), warc.Field{Name: "Content-Type", Value: "text/dns"}))
		must(w.WriteResponse("https://news.test/7", day, 200, "text/html", page("seven")))
		must(w.Flush())
		data := buf.Bytes()
		// Cut the file inside its last record.
		data = data[:len(data)-10]

		name := "crawl.warc"
		if gz {
			name += ".gz"
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var docs []crosscheck.Document
		var errs []*Error
		for doc, err := range Read(context.Background(), []string{filepath.Dir(path)}, Options{}) {
			if err != nil {
				var se *Error
				if !errors.As(err, &se) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				errs = append(errs, se)
				continue
			}
			docs = append(docs, doc)
		}
		var urls []string
		for _, d := range docs {
			urls = append(urls, d.URL)
			if d.Kind != crosscheck.KindHTML || !strings.HasPrefix(d.Source, path+"#record-") {
				t.Errorf("gzip=%v: document %+v", gz, d.Source)
			}
		}
		if got, want := strings.Join(urls, " "), "https://news.test/1 https://news.test/3 https://news.test/4"; got != want {
			t.Errorf("gzip=%v: documents %s, want %s", gz, got, want)
		}
		if len(docs) == 3 {
			if docs[0].Source != path+"#record-3" || string(docs[0].Body) != string(page("one")) {
				t.Errorf("gzip=%v: first document %q %q", gz, docs[0].Source, docs[0].Body)
			}
			if docs[1].ContentType != "text/html; charset=windows-1251" {
				t.Errorf("gzip=%v: the charset of the HTTP header is lost: %q", gz, docs[1].ContentType)
			}
		}
		if len(errs) != 2 {
			t.Fatalf("gzip=%v: errors %v, want the record without a status line and the cut one", gz, errs)
		}
		if errs[0].Source != path+"#record-9" || !strings.Contains(errs[0].Error(), "not an HTTP response") {
			t.Errorf("gzip=%v: first error %v", gz, errs[0])
		}
		if errs[1].Source != path+"#record-11" || !strings.Contains(errs[1].Error(), "truncated") || !strings.Contains(errs[1].Error(), "at byte ") {
			t.Errorf("gzip=%v: second error %v", gz, errs[1])
		}
	}
}

func TestReadWARCEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.warc.gz")
	os.WriteFile(path, nil, 0o644)
	for _, err := range Read(context.Background(), []string{path}, Options{}) {
		if err == nil || !strings.Contains(err.Error(), "empty WARC file") {
			t.Errorf("got %v", err)
		}
	}
}
