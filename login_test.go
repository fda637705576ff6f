package main

import (
	"os"
	"os/user"
	"strings"
)

// currentUser is the login name of the machine running the tests: a
// note, a history line or a refusal must never put a record down to it
// (the clinician is typed, never filled from the login).
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		// Windows gives DOMAIN\user; the note wants the person.
		name := u.Username
		if i := strings.LastIndexByte(name, '\\'); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}
