# The main window's frame: top bar, View menu, demo banner, status bar, closing
# after a copy, starting the window; theme names, the clock note, session end times.

window-copy-select-first = Select a file first, then press Ctrl+Shift+C.
window-filter = Filter
window-filter-hint = Filter… (Ctrl+F)
window-filter-clear = Clear the filter
window-view-menu = View
window-show-own-files = Show s3share's own files
window-show-own-files-hover = The .s3share folders where s3share keeps shared copies and pages (they are removed when their links end)
window-refresh = ⟳ Refresh
window-refresh-hover = List this folder again
window-theme = Theme
window-theme-system = Same as the system
window-theme-light = Light
window-theme-dark = Dark
window-demo-banner = Demo storage on this computer — links work only here.
window-demo-banner-hover = The demo files live in a folder on this computer; links open only here, while S3 Share runs.
window-demo-add-account = Add your S3 account →

window-too-busy-list = The window is too busy to list this folder. Try again.
window-request-files = Request files…
window-request-files-hover = Make a page through which anyone can send you files into this folder
window-history-hover = The links you have shared, and until when they work
window-keys-hint = Arrows select · Enter opens a folder · Backspace goes up · Ctrl+Shift+C copies a link

window-close-title = Paste the link before closing?
window-close-text = What you just copied stays on the clipboard only while S3 Share is open, unless you use a clipboard manager. Paste it first, or close anyway.
window-close-keep-open = Keep S3 Share open
window-close-anyway = Close anyway

window-could-not-open = s3share: the window could not open: { $reason }. The command line still works: see `s3share --help`.

# Demo storage after a start (crates/gui/src/demo_words.rs).
window-demo-started-afresh = Demo storage had to start afresh, so links you made with it earlier no longer work.
window-demo-last-time-gone = Links you made with demo storage last time no longer work.
window-demo-session-only = Links made with demo storage stop working when S3 Share closes.
window-demo-no-keyring = No keyring kept demo storage's keys this time, so they last only while S3 Share is open.
window-demo-port-taken = Another program is using port { $port }, where those links point. Once it is free, they work again after S3 Share starts again.
window-demo-keys-gone = The keyring no longer holds demo storage's keys, so it has new ones.
window-demo-keyring-unreadable = The keyring could not be read, so demo storage uses new keys until S3 Share starts again.
window-demo-earlier-keys-not-kept = Last time no keyring kept demo storage's keys, so those links ended when S3 Share closed.
window-demo-earlier-fallback-port = Last time demo storage ran on port { $port }, because its usual port was taken; links made then point there.
window-demo-gone-other-port = It points at demo storage on port { $port }, where it no longer runs.
window-demo-gone-somewhere = It points at demo storage where it no longer runs.
window-demo-gone-other-keys = Demo storage has new keys since this link was made, so it refuses the link.
window-demo-gone-before-restart = It was made before demo storage had to start afresh.

# This computer's clock against the storage service's ($how_far: a duration).
window-clock-behind = Your computer's clock is { $how_far } behind the storage service's; links are signed with the service's time, so they work as shown. Set the date and time automatically in your system settings.
window-clock-ahead = Your computer's clock is { $how_far } ahead of the storage service's; links are signed with the service's time, so they work as shown. Set the date and time automatically in your system settings.

# When temporary keys end, typed by a person.
window-session-end-not-a-date = "{ $text }" is not a date and time; write it like 2026-11-28 14:30 (local time) or 2026-11-28T13:30:00Z
window-session-end-skipped = "{ $text }" does not exist in local time (the clocks skip it); give another time
