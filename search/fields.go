package search

import (
	"maps"
	"slices"
	"strings"
	"unicode"
)

// Keyword fields hold one exact value per quote; a filter or a field:value
// clause on them matches the value as written.
var KeywordFields = []string{"study", "source", "source_name", "format", "kind", "participant", "speaker", "ring", "theme", "persona"}

// FacetFields are the fields besides attributes that facets count.
var FacetFields = []string{"ring", "theme", "persona", "kind", "source", "participant"}

// TextField and QuestionField are the analysed (English, stemmed) fields.
const (
	TextField     = "" // the quote; "text:" in query text
	QuestionField = "question"
)

// IsKeyword reports whether field is a keyword field or an attribute.
func IsKeyword(field string) bool {
	return slices.Contains(KeywordFields, field) || strings.HasPrefix(field, "attr.")
}

// AttrField is the index field of a participant attribute.
func AttrField(key string) string { return "attr." + AttrKey(key) }

// AttrKey normalises an attribute name into a field-safe key.
func AttrKey(key string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(key)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// DocAttrs is the attributes of d as an index keeps them: keys as AttrKey
// makes them, empty values left out. Names that normalise to one key
// ("Role", "role ") keep the value of the first name in sorted order,
// whatever the map's order, so filters and facets agree.
func DocAttrs(d Doc) map[string]string {
	attrs := make(map[string]string, len(d.Attributes))
	for _, k := range slices.Sorted(maps.Keys(d.Attributes)) {
		if key, v := AttrKey(k), d.Attributes[k]; key != "" && v != "" && attrs[key] == "" {
			attrs[key] = v
		}
	}
	return attrs
}
