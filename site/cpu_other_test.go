//go:build !unix

package site

import "time"

// cpuTime is not measured here; a timing test compares wall time instead.
func cpuTime() time.Duration { return 0 }
