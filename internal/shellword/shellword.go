// Package shellword gives a text back as one word of a command line, for
// the commands digicheck prints to be copied and run as they are.
package shellword

import "strings"

// Word is s as one word a POSIX shell reads back as s: as it is when it
// holds only letters, digits and _ . / - : = @ +, else in single
// quotes, each single quote in it written as a quote escaped outside them.
func Word(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./-:=@+", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
