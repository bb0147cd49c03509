package frontend

import (
	"fmt"
	"strconv"
)

// Num writes a whole number with thousands separators: 1501 -> "1,501".
// It takes any integer type (templates pass int, int64 and uint64).
func Num(n any) string {
	var s string
	switch v := n.(type) {
	case int:
		s = strconv.Itoa(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	case uint64:
		s = strconv.FormatUint(v, 10)
	default:
		return fmt.Sprint(n)
	}
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return sign + string(out)
}

// Count writes n and the noun, singular for one: Count(1, "quote") is
// "1 quote", Count(1501, "quote") "1,501 quotes".
func Count(n any, noun string) string {
	s := Num(n)
	if s == "1" {
		return s + " " + noun
	}
	return s + " " + noun + "s"
}
