package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"time"

	"digicheck/store"
)

// summaryReading is what a summary says while it reads the FILEs it is
// given. A 1,000,000-row CSV export takes about a minute to read (an
// NDJSON one six), twice over (to check it, then to count it), and the
// terminal stayed blank all the while; Ctrl+C ended it with no word of
// whether the -o FILE asked for had been written.
//
// At a terminal, one line on standard error says which input is read,
// what for, and how far: rewritten at most every readingEvery once the
// reading has taken readingAfter, and cleared before anything else is
// said. Elsewhere (a pipe, a file, a scheduled task's log) nothing is
// said, and the files are read as they are, unwrapped. Ctrl+C while the
// inputs are read says that the summary stopped and that nothing was
// written (to -o FILE, named), and exits 130, as a shell reports Ctrl+C:
// nothing is written until every input is read.
type summaryReading struct {
	mu     sync.Mutex
	w      io.Writer
	tty    bool
	width  int
	now    func() time.Time
	start  time.Time
	last   time.Time
	shown  bool
	ended  bool
	files  int    // the FILEs given
	passes int    // the times each is read, start to end
	output string // -o FILE; "" or "-" for standard output
	// signals, while not nil, is where Ctrl+C is caught (watch).
	signals chan os.Signal
	// exit ends digicheck (os.Exit; a test's own).
	exit func(int)
	// spools are the copies of standard input the summary holds, put
	// away before Ctrl+C ends it (spool).
	spools []io.Closer
}

const (
	// readingAfter is how long the inputs are read before the progress
	// line is shown: a small export is read before then, and a line
	// flashed and cleared tells nobody anything.
	readingAfter = time.Second
	// readingEvery is how often, at most, the line is rewritten.
	readingEvery = 250 * time.Millisecond
)

// newSummaryReading is what a summary of files FILEs, written to output,
// says on w while it reads them, each passes times (2: to check it, then
// to count it; 3 when the board report counts its equity rows apart).
func newSummaryReading(w io.Writer, files, passes int, output string) *summaryReading {
	r := &summaryReading{w: w, files: files, passes: passes, output: output, now: time.Now, exit: os.Exit}
	if tw := terminalOf(w); isTerminal(tw) {
		r.tty, r.width = true, terminalWidth(tw)
	}
	r.start = r.now()
	return r
}

// watch catches Ctrl+C until done: said and ended at once, for the
// summary has written nothing yet, and holds nothing to put away but the
// copies of standard input (spool): a store given as a FILE is opened to
// be read only.
func (r *summaryReading) watch() {
	r.signals = make(chan os.Signal, 1)
	signal.Notify(r.signals, os.Interrupt)
	go func(c chan os.Signal) {
		if _, ok := <-c; !ok {
			return
		}
		r.mu.Lock()
		r.wipe()
		r.ended = true
		sayLine(r.w, r.stoppedWords())
		for _, c := range r.spools {
			_ = c.Close()
		}
		r.mu.Unlock()
		r.exit(130)
	}(r.signals)
}

// spool has c, a copy of standard input (spooled), closed before Ctrl+C
// ends the summary: on Windows, which will not remove a file that is
// open, closing it is what removes it, and an exit skips the close.
func (r *summaryReading) spool(c io.Closer) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.spools = append(r.spools, c)
	r.mu.Unlock()
}

// stoppedWords are said when Ctrl+C stops the summary as it reads.
func (r *summaryReading) stoppedWords() string {
	if r.output != "" && r.output != "-" {
		return "summary stopped (Ctrl+C) while it read its inputs: nothing was written to " + r.output
	}
	return "summary stopped (Ctrl+C) while it read its inputs: nothing was written"
}

// done clears the progress line and stops catching Ctrl+C: the summary
// is written from here on, as before.
func (r *summaryReading) done() {
	if r == nil {
		return
	}
	if r.signals != nil {
		signal.Stop(r.signals)
		close(r.signals)
		r.signals = nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ended = true
	r.wipe()
}

func (r *summaryReading) wipe() {
	if r.shown {
		fmt.Fprint(r.w, "\r\x1b[K")
		r.shown = false
	}
}

// file is f, input n of the FILEs given (from 1), named name, read with
// its progress shown: f itself where nothing is shown.
func (r *summaryReading) file(f *os.File, name string, n int) io.ReadSeeker {
	if r == nil || !r.tty {
		return f
	}
	pf := &progressFile{File: f, r: r, name: name, n: n}
	if fi, err := f.Stat(); err == nil {
		pf.size = fi.Size()
	}
	return pf
}

// progressFile is an input file whose reading is shown (summaryReading).
// A summary reads an export twice: to check it, then (after a seek back
// to its start) to count it; the board report given no dates a third
// time, for its equity rows.
type progressFile struct {
	*os.File
	r     *summaryReading
	name  string
	n     int
	size  int64
	at    int64
	again int // the times it was read back from its start
}

func (f *progressFile) Read(b []byte) (int, error) {
	n, err := f.File.Read(b)
	f.at += int64(n)
	f.r.show(f)
	return n, err
}

func (f *progressFile) Seek(offset int64, whence int) (int64, error) {
	at, err := f.File.Seek(offset, whence)
	if err == nil {
		if at == 0 && f.at > 0 {
			f.again++
		}
		f.at = at
	}
	return at, err
}

// show writes f's progress, if it is time.
func (r *summaryReading) show(f *progressFile) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	if r.ended || now.Sub(r.start) < readingAfter || !r.last.IsZero() && now.Sub(r.last) < readingEvery {
		return
	}
	r.last = now
	// Which of the readings: the line ran to the file's end twice (the
	// board report's, three times), each from 0, and nothing said that
	// another was to come. Each read back from the start is a pass; one
	// past those the summary makes (the inputs read again, as when they
	// changed while read) gives its number alone, not "of" a wrong total.
	what, pass := "Checking", 1+f.again
	if pass > 1 {
		what = "Counting"
	}
	of := ""
	if pass <= r.passes {
		of = fmt.Sprintf(" of %d", r.passes)
	}
	which := ""
	if r.files > 1 {
		which = fmt.Sprintf(" (%d of %d)", f.n, r.files)
	}
	text := fmt.Sprintf("%s %s%s, pass %d%s: %s of %s (Ctrl+C stops it)", what, f.name, which, pass, of, store.SizeText(f.at), store.SizeText(f.size))
	if rs := []rune(text); len(rs) > r.width-1 {
		text = string(rs[:max(r.width-1, 0)]) // one line, never wrapped
	}
	fmt.Fprint(r.w, "\r\x1b[K"+text)
	r.shown = true
}
