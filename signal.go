package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// cancelOnSignal is ctx, cancelled by Ctrl+C (SIGINT), SIGTERM (a
// shutdown, kill) or SIGHUP (the terminal window closed), so that a long
// export or backup stops and removes its temporary files instead of dying
// with a copy of patient data left behind. Go maps the console's Ctrl+C
// and close events to SIGINT and SIGTERM on Windows.
func cancelOnSignal(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
}
