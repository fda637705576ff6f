package store

import (
	"context"
	"io"
)

// Phases of a check, as CheckProgress names them.
const (
	PhaseCopy    = "copy"    // the store copied, Done bytes of Total
	PhasePages   = "pages"   // every page of the copy read (no counts)
	PhaseRecords = "records" // Done records checked of Total
)

// CheckProgress is how far a check has got: in Phase, Done of Total.
type CheckProgress struct {
	Phase       string
	Done, Total int64
}

// progressRecords is how many records a check reads between the counts it
// gives its progress function.
const progressRecords = 256

type progressKey struct{}

// WithCheckProgress is ctx with f to be told how far a check run with it
// (CheckContext) has got: called from the check's own goroutine, often (f
// decides how often to show it), and never after CheckContext returns
// unless the check was cancelled.
func WithCheckProgress(ctx context.Context, f func(CheckProgress)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// progressOf is the progress function ctx carries, or one that does
// nothing.
func progressOf(ctx context.Context) func(CheckProgress) {
	if f, ok := ctx.Value(progressKey{}).(func(CheckProgress)); ok && f != nil {
		return f
	}
	return func(CheckProgress) {}
}

// progressWriter counts what is written through it of total bytes.
type progressWriter struct {
	w           io.Writer
	done, total int64
	f           func(CheckProgress)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.done += int64(n)
	p.f(CheckProgress{PhaseCopy, p.done, max(p.total, p.done)})
	return n, err
}
