package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inlineElements do not break a line; every other element starts and ends
// a block, so paragraphs, headings, list items and table rows each get a
// line of their own.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Img: true, atom.Ins: true,
	atom.Kbd: true, atom.Label: true, atom.Mark: true, atom.Q: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strike: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true,
	atom.U: true, atom.Var: true, atom.Wbr: true, atom.Big: true, atom.Nobr: true,
}

// skippedElements hold no reading text.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Svg: true,
	atom.Noscript: true, atom.Select: true, atom.Textarea: true, atom.Button: true,
	atom.Head: true, atom.Title: true, atom.Iframe: true, atom.Object: true,
}

// lineRenderer turns a content tree into lines of text.
type lineRenderer struct {
	lines []string
	cur   strings.Builder
	inPre int
}

// renderLines returns the text of n, one block per line, NFC, tidy, with
// no blank lines.
func renderLines(n *html.Node) []string {
	if n == nil {
		return nil
	}
	r := &lineRenderer{}
	r.walk(n)
	r.flush()
	return r.lines
}

func (r *lineRenderer) flush() {
	if l := normalizeLine(r.cur.String()); l != "" {
		r.lines = append(r.lines, l)
	}
	r.cur.Reset()
}

func (r *lineRenderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
		// Trafilatura's tree keeps tags it does not know with no atom;
		// those are treated as blocks, like any unknown element.
		switch {
		case skippedElements[n.DataAtom]:
			return
		case n.DataAtom == atom.Br || n.DataAtom == atom.Hr:
			r.flush()
			return
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			// Cells of a row share its line.
			r.cur.WriteString(" ")
			r.children(n)
			r.cur.WriteString(" ")
			return
		case inlineElements[n.DataAtom]:
			r.children(n)
			return
		}
		r.flush()
		if n.DataAtom == atom.Pre {
			r.inPre++
			r.children(n)
			r.inPre--
		} else {
			r.children(n)
		}
		r.flush()
		return
	case html.DocumentNode:
		r.children(n)
	}
}

func (r *lineRenderer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
}

// text adds a text node. Outside <pre> line breaks in the source are just
// spaces; inside they end a line.
func (r *lineRenderer) text(s string) {
	if r.inPre == 0 {
		r.cur.WriteString(strings.ReplaceAll(strings.ReplaceAll(s, "\r", " "), "\n", " "))
		return
	}
	for i, part := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if i > 0 {
			r.flush()
		}
		r.cur.WriteString(part)
	}
}
