"""The exit statuses of `targets` (the README lists them). A leaf: the console script reads them
before anything else is loaded."""

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_ERROR = 2
EXIT_WRITTEN_NOT_PRINTED = 3  # record/undo wrote to the log, but standard output failed: do not retry
EXIT_BROKEN_PIPE = 141  # the reader of standard output left (`| head`): as a shell reports SIGPIPE
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT (click would say 1: "check failed")
