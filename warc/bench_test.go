package warc

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// benchArchive is 500 response records of a 24 KB HTML page.
func benchArchive(b *testing.B, gz bool) []byte {
	page := []byte("<html><body>" + strings.Repeat("<p>Some words of a news article, repeated to fill a page.</p>\n", 400) + "</body></html>")
	var buf bytes.Buffer
	w := NewWriter(&buf, gz)
	for i := range 500 {
		if err := w.WriteResponse("https://example.test/"+string(rune('a'+i%26)), time.Unix(int64(i), 0), 200, "text/html", page); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
	return buf.Bytes()
}

func benchmarkRead(b *testing.B, gz bool) {
	data := benchArchive(b, gz)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data))
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			resp, err := HTTPResponse(rec)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
		}
	}
	b.ReportMetric(float64(500*b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkReadPlain(b *testing.B) { benchmarkRead(b, false) }
func BenchmarkReadGzip(b *testing.B)  { benchmarkRead(b, true) }
