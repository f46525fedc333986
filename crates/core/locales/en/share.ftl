# The share panel (crates/gui/src/share_panel/), its QR code window, and the core's words
# about links (warnings, copies, link tests).

share-hint-select = Select a file to share it.
share-hint-then = Then pick how long the link works and click Copy link.
share-hint-several = Ctrl-click or Shift-click to share several files at once.
share-folder-or-page = Or share everything in “{ $folder }” as one link
share-folder-or-page-detail = Every file in it and in its folders, on one page.
share-folder-kind = Folder · share every file in it, and in its folders, as one link

# "Share as one link": one page listing several files ($files: "3 files").
share-page-button = Share as one link
share-page-hover-files = Copies one link to a page listing the { $files }, each with its own download link; the page and its links work for the time chosen above
share-page-hover-folder = Copies one link to a page listing every file in this folder and its folders, each with its own download link; the page and its links work for the time chosen above
share-page-kept = The page is kept in the bucket (in .s3share/) until its links end, then removed.
share-page-off = Share as one link is off: { $why }
share-page-making = Making the page…
share-page-link = Page link
share-page-copied = ✔ Copied — page with { $files }, works until { $until }
share-page-ended = The page with { $files } has ended: it worked until { $time }. Share as one link again for a new one.

share-sooner = Sooner than you asked: the temporary sign-in that signed it ends then.
# $time: a day and time.
share-modified = Modified { $time }

share-expiry-heading = Link works for
share-custom = Custom…
share-custom-hover = Any length from 1 second to 7 days
share-custom-length = Custom length
# The unit after a typed number ("3" [days]).
share-unit-minutes = { $count ->
    [one] minute
   *[other] minutes
}
share-unit-hours = { $count ->
    [one] hour
   *[other] hours
}
share-unit-days = { $count ->
    [one] day
   *[other] days
}
share-max-length = Links can work for at most { $length } (a limit of S3 signatures).
share-expiry-empty = Type how long the link should work, for example 3 days.
share-expiry-not-number = “{ $text }” is not a whole number. Type for example 3 and pick days.

share-mode-heading = When the link is opened
share-open-in-browser = Open in browser
share-open-in-browser-hover = Pictures, PDFs and text show in the browser; other files download
share-download = Download
share-each-own-name = Each file downloads under its own name.
share-save-as = Save as

share-take-back = Share a copy I can take back
share-take-back-hover = A plain link cannot be taken back. With this, the file is copied inside the bucket (into .s3share/shares/ beside it) and the copy is shared: "Stop sharing" in History deletes it and the link stops working at once. The copy is removed when the link ends.
# Before a copy is made; $size: "4.2 MB".
share-copy-cost = Stores a second copy ({ $size }) until the link ends

share-copy-link = Copy link
share-copy-links = Copy links
share-copy-link-hover = Copies a link that works for the time chosen above (Ctrl+Shift+C)
share-copy-links-hover = Copies a link for each file, one per line, that works for the time chosen above (Ctrl+Shift+C)
share-copy-for-email = ✉ Copy for email
share-copy-for-email-hover = Copies a ready-to-paste message: the file name as a clickable link, its size and until when it works (plain text too, for plain editors)
share-email = Email…
share-email-hover = Starts a new message in your mail program, with the link in it
share-qr = QR code
share-qr-hover = Shows the link as a QR code, to open it on a phone
share-password = With a password…
share-password-hover = Encrypts the file here and shares a page that opens it only with a password you choose
share-copy-off = Copy link is off: { $why }
share-making-link = Making the link…
share-making-links = Making the links…
share-select-first = Select a file first.
share-sign-in-ended = Your temporary sign-in ended at { $time }: links made with it no longer work.
share-sign-in-temporary = These keys are temporary: links stop working when your sign-in ends, on { $until }.
share-refresh-folder = Refresh folder
share-busy = The window is too busy; try again.

# What was made; $until: "Fri 28 Nov 14:03 (in 7 days)".
share-made-mail = ✔ Link made — works until { $until }
share-made-mail-opened = ✔ Opened in your mail program — works until { $until }
share-made-qr = ✔ QR code ready — works until { $until }
share-made-for-email = ✔ Copied for email — paste it into a message. Works until { $until }
share-made-one = ✔ Copied — works until { $until }
share-made-many = ✔ { $count ->
    [one] { $count } link
   *[other] { $count } links
} copied — they work until { $until }
share-links-ended = { $count ->
    [one] This link has ended: it worked until { $time }. Copy link makes a new one.
   *[other] These { $count } links have ended: they worked until { $time }. Copy link makes new ones.
}
share-links-to-copy = It links to a copy: History → Stop sharing deletes it, and the link stops working at once.
share-opening-mail = Opening your mail program…
share-long-link = ⚠ This link is { $length } characters long. Some mail systems break lines longer than { $max } characters, so it may arrive broken: test it from the message you send. Temporary sign-ins make links this long; a connection with permanent access keys gives short links.
share-link = Link
share-test-link = Test link
share-test-link-hover = Opens the link the way the recipient's browser will
share-test-works = ✔ works

# Toasts and notes.
share-copied-toast = Link copied — works until { $until }
share-links-copied-toast = { $count ->
    [one] { $count } link
   *[other] { $count } links
} copied, one message
share-copied-for-email-toast = Copied for email — paste it into a message
share-plain-only = Copied as plain text only: this desktop's clipboard did not take the formatted version.
share-mail-busy = The window was too busy to start your mail program, so the message is on the clipboard instead: start a new email and paste it.
share-no-mail-program = No mail program opened, so the message is on the clipboard instead: start a new email and paste it.
share-mail-too-long = The message is too long to hand to a mail program directly (they take about { $max } characters), so it is on the clipboard instead: start a new email and paste it.

# The QR code window.
share-qr-alt = QR code of the link to { $name }
share-qr-point = Point a phone's camera at it to open the link.
share-qr-too-long = This link is too long for a QR code ({ $length } characters). Send it by email instead.
share-phone-warning = ⚠ This link points at this computer: a phone (or anyone else) cannot open it. Links to demo storage work only on this computer; to open a file on a phone, share it from real storage.

# Several files selected.
share-several-selected = { $count ->
    [one] { $count } file selected
   *[other] { $count } files selected
}
share-several-total = { $size } in all · one message with a link for each
share-several-more = and { $count } more

# Until when, counted down; $time: a day and time.
share-until-ended = { $time } (ended)
# A history badge: "expires in 3 h", "expired".
share-expires-in = expires in { $left }
share-expired = expired
share-left-seconds = { $count } s
share-left-minutes = { $count } min
share-left-hours = { $count } h

# A link signed with temporary keys of unknown end (core share.rs).
share-warning-session-short = may stop early: temporary keys of unknown end
share-warning-session = This link was signed with temporary keys (a session token) whose end is not known, so it may stop working before the time shown: when that session ends. Test it before sending, or sign with permanent keys or keys whose end is known (give the connection the session's end time).

# Test link: why it fails (core link_check.rs).
share-check-timeout = The storage service did not answer in time. Try again in a minute.
share-check-unreachable = Could not reach the storage service from this computer. Check the internet connection.
share-check-expired = The link has expired. Copy a new one.
share-check-no-file = The file no longer exists. Refresh the folder.
share-check-no-bucket = The bucket no longer exists.
share-check-signature = The storage service does not accept the link's signature. Was the link changed when it was pasted?
share-check-keys = The keys that signed the link are no longer valid. Sign in again and copy a new link.
share-check-denied = Access denied: the keys that signed the link may not read this file.
share-check-status = The storage service answered HTTP { $status }.
share-check-refused = The storage service refused the link (HTTP { $status }, { $code }).

# The preview of the selected file (share_panel/preview.rs, core preview.rs).
share-preview-loading = Loading preview…
share-preview-alt = Preview of { $name }
share-preview-picture = Picture · { $width } × { $height } pixels
share-preview-pdf-pages = { $count ->
    [one] PDF · { $count } page
   *[other] PDF · { $count } pages
}
share-preview-pdf-too-big = PDF · page count unknown: only PDFs up to { $size } are read to count their pages
share-preview-pdf-protected = PDF · protected by a password
share-preview-pdf-unknown = PDF · page count unknown
share-preview-failed = No preview: { $reason }
share-preview-kind = No preview for this kind of file
share-preview-too-big = Too big to preview ({ $size })
share-preview-empty = The file is empty
share-preview-changed = No preview: the file changed since the folder was listed. Refresh the folder.
share-preview-too-many-pixels = Too many pixels to preview
share-preview-too-many-pixels-sized = Too many pixels to preview ({ $width } × { $height })
share-preview-unreadable-picture = No preview: the file could not be read as a picture
share-preview-unreadable-text = No preview: the file could not be read as text
share-preview-unreadable-pdf = No preview: the file could not be read as a PDF
