"""The exit statuses of `targets` (the README lists them). A leaf: the console script reads them
before anything else is loaded."""

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_ERROR = 2
EXIT_WRITTEN_NOT_PRINTED = 3  # record/undo wrote to the log, but standard output failed: do not retry
EXIT_BROKEN_PIPE = 141  # the reader of standard output left (`| head`): as a shell reports SIGPIPE
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT (click would say 1: "check failed")

# What each status means, in English and Vietnamese: the README's and the reference's table
# (scripts/docs.py) are made from it.
MEANINGS: dict[int, tuple[str, str]] = {
    EXIT_OK: ("done", "xong"),
    EXIT_CHECK_FAILED: (
        "`targets check` found indicators that are not met (or, with `--strict`, have no figure or target)",
        "`targets check` thấy chỉ tiêu chưa đạt (với `--strict`: cả chỉ tiêu chưa có số liệu hay mục tiêu)",
    ),
    EXIT_ERROR: (
        "a mistake in the input or the data: one `Error: …` line on stderr, nothing written",
        "nhập sai hoặc dữ liệu lỗi: một dòng `Lỗi: …` trên stderr, không ghi gì",
    ),
    EXIT_WRITTEN_NOT_PRINTED: (
        "`record` or `undo` wrote to the log, but standard output failed: do not run it again",
        "`record` hoặc `undo` đã ghi vào sổ nhưng không in ra được: đừng chạy lại",
    ),
    EXIT_INTERRUPTED: ("interrupted with Ctrl-C", "bị dừng bằng Ctrl-C"),
    EXIT_BROKEN_PIPE: (
        "the reader of the output went away (`targets show | head -1`): ended quietly",
        "nơi nhận đầu ra đã đóng (`targets show | head -1`): dừng lặng lẽ",
    ),
}
