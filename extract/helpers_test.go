package extract

import (
	"strings"

	"golang.org/x/net/html"
)

func parseForTest(s string) (*html.Node, error) { return html.Parse(strings.NewReader(s)) }
